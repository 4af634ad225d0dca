<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="es_ES">
<context>
    <name>AppContext</name>
    <message>
        <location filename="../../desktop_app/ui/context.py" line="102" />
        <source>A card was swiped while no payment was waiting for it: nothing was read or kept. Press Take payment first, then swipe.</source>
        <translation>Se pasó una tarjeta sin ningún pago en espera: no se leyó ni se guardó nada. Pulse primero Cobrar y después pase la tarjeta.</translation>
    </message>
</context>
<context>
    <name>CheckoutForm</name>
    <message>
        <location filename="../../desktop_app/ui/checkout/form.py" line="126" />
        <source>New payment</source>
        <translation>Nuevo pago</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/form.py" line="127" />
        <source>&amp;Patient / account</source>
        <translation>&amp;Paciente / cuenta</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/form.py" line="127" />
        <source>A&amp;mount</source>
        <translation>I&amp;mporte</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/form.py" line="128" />
        <source>&amp;Tender</source>
        <translation>&amp;Forma de pago</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/form.py" line="128" />
        <source>Card &amp;number</source>
        <translation>&amp;Número de tarjeta</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/form.py" line="129" />
        <source>E&amp;xpiry (MM/YY)</source>
        <translation>&amp;Vencimiento (MM/AA)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/form.py" line="129" />
        <source>Security &amp;code</source>
        <translation>Código de &amp;seguridad</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/form.py" line="130" />
        <source>Saved &amp;card</source>
        <translation>Tarjeta &amp;guardada</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/form.py" line="130" />
        <source>&amp;Routing number</source>
        <translation>Número de &amp;ruta</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/form.py" line="131" />
        <source>A&amp;ccount number</source>
        <translation>Número de &amp;cuenta</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/form.py" line="131" />
        <source>Check n&amp;umber</source>
        <translation>Número de c&amp;heque</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/form.py" line="133" />
        <source>&amp;Save card on file for this patient</source>
        <translation>&amp;Guardar la tarjeta para este paciente</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/form.py" line="136" />
        <source>e.g. MRN or account number</source>
        <translation>p. ej. número de historia o de cuenta</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/form.py" line="138" />
        <source>Card on the reader</source>
        <translation>Tarjeta en el lector</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/form.py" line="139" />
        <source>Keyed card</source>
        <translation>Tarjeta tecleada</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/form.py" line="140" />
        <source>Card on file</source>
        <translation>Tarjeta guardada</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/form.py" line="141" />
        <source>Check scanned at the desk</source>
        <translation>Cheque escaneado en recepción</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/form.py" line="142" />
        <source>Check, patient not present</source>
        <translation>Cheque, paciente no presente</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/form.py" line="143" />
        <source>Hosted payment page</source>
        <translation>Página de pago alojada</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/form.py" line="151" />
        <source>Take payment</source>
        <translation>Cobrar</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/form.py" line="162" />
        <source>Connecting to the journal and the gateway…</source>
        <translation>Conectando con el registro y la pasarela…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/form.py" line="164" />
        <source>Enter takes the payment. Escape clears the form.</source>
        <translation>Intro cobra el pago. Escape borra el formulario.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/form.py" line="226" />
        <source>That was card data, not a patient or account: it was cleared and not kept. Type the patient, then press Take payment before swiping.</source>
        <translation>Eso eran datos de tarjeta, no un paciente o una cuenta: se borraron y no se guardaron. Escriba el paciente y pulse Cobrar antes de pasar la tarjeta.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/form.py" line="231" />
        <source>Enter the amount to charge.</source>
        <translation>Introduzca el importe a cobrar.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/form.py" line="234" />
        <source>The amount must be more than zero.</source>
        <translation>El importe debe ser mayor que cero.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/form.py" line="239" />
        <source>Enter the patient / account to save the card for.</source>
        <translation>Indique el paciente / cuenta para el que se guarda la tarjeta.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/form.py" line="262" />
        <source>Check which card on file to charge for this patient, then press Enter again.</source>
        <translation>Compruebe qué tarjeta guardada cobrar a este paciente y pulse Intro de nuevo.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/form.py" line="266" />
        <source>This patient has no card on file yet.</source>
        <translation>Este paciente aún no tiene tarjeta guardada.</translation>
    </message>
</context>
<context>
    <name>CheckoutPage</name>
    <message>
        <location filename="../../desktop_app/ui/checkout/card_source.py" line="29" />
        <source>Insert, tap or swipe the card</source>
        <translation>Inserte, acerque o deslice la tarjeta</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/card_source.py" line="31" />
        <location filename="../../desktop_app/ui/checkout/card_source.py" line="32" />
        <source>Reading card…</source>
        <translation>Leyendo la tarjeta…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/card_source.py" line="33" />
        <source>Enter PIN on the pad</source>
        <translation>Introduzca el PIN en el teclado</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/card_source.py" line="34" />
        <source>Card removed</source>
        <translation>Tarjeta retirada</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/card_source.py" line="35" />
        <source>The device was disconnected</source>
        <translation>El dispositivo se desconectó</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/card_source.py" line="36" />
        <source>Cancelling…</source>
        <translation>Cancelando…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/card_source.py" line="44" />
        <source>Swipe the card</source>
        <translation>Deslice la tarjeta</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/card_source.py" line="47" />
        <source>This card has a chip: insert it</source>
        <translation>Esta tarjeta tiene chip: insértela</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/card_source.py" line="49" />
        <source>The chip could not be read: swipe the card</source>
        <translation>No se pudo leer el chip: deslice la tarjeta</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/card_source.py" line="51" />
        <source>The card could not be read. Try again</source>
        <translation>No se pudo leer la tarjeta. Inténtelo de nuevo</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/hosted.py" line="173" />
        <source>Opening the hosted payment page…</source>
        <translation>Abriendo la página de pago alojada…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/page.py" line="98" />
        <source>Hosted page closed. The app keeps checking this page in the background until it expires: if the patient paid on it, the payment shows in History; if not, History says nothing was charged.</source>
        <translation>Página de pago cerrada. La aplicación sigue comprobando esta página en segundo plano hasta que caduque: si el paciente pagó en ella, el pago aparecerá en el Historial; si no, el Historial indicará que no se cobró nada.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/page.py" line="111" />
        <source>Processing…</source>
        <translation>Procesando…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/page.py" line="145" />
        <source>Processing {0}…</source>
        <translation>Procesando {0}…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/page.py" line="157" />
        <source>Payment cancelled. Nothing was charged.</source>
        <translation>Pago cancelado. No se cobró nada.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/page.py" line="235" />
        <source>Receipt saved: {0}</source>
        <translation>Recibo guardado: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/devices.py" line="38" />
        <source>No check scanner is connected. Key the routing and account numbers from the bottom of the check.</source>
        <translation>No hay escáner de cheques conectado. Teclee los números de ruta y de cuenta de la parte inferior del cheque.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/devices.py" line="41" />
        <source>Feed the check into the scanner</source>
        <translation>Introduzca el cheque en el escáner</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/devices.py" line="45" />
        <source>The check's MICR line could not be read. Key the routing and account numbers printed at the bottom of the check.</source>
        <translation>No se pudo leer la línea MICR del cheque. Teclee los números de ruta y de cuenta impresos al pie del cheque.</translation>
    </message>
</context>
<context>
    <name>CoreMessages</name>
    <message>
        <location filename="../../desktop_app/ui/core_messages.py" line="15" />
        <source>Expiry must look like MM/YY</source>
        <translation>La caducidad debe tener la forma MM/AA</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/core_messages.py" line="16" />
        <source>Expiry month must be 01 to 12</source>
        <translation>El mes de caducidad debe ser de 01 a 12</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/core_messages.py" line="17" />
        <source>Card number must be 13 to 19 digits</source>
        <translation>El número de tarjeta debe tener de 13 a 19 dígitos</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/core_messages.py" line="18" />
        <source>Card number is not valid (check digit); please re-enter it</source>
        <translation>El número de tarjeta no es válido (dígito de control); vuelva a escribirlo</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/core_messages.py" line="20" />
        <source>Security code must be 3 or 4 digits</source>
        <translation>El código de seguridad debe tener 3 o 4 dígitos</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/core_messages.py" line="21" />
        <source>Routing number is not valid (check digit); please re-enter it</source>
        <translation>El número de ruta no es válido (dígito de control); vuelva a escribirlo</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/core_messages.py" line="23" />
        <source>Account number must be 4 to 17 digits</source>
        <translation>El número de cuenta debe tener de 4 a 17 dígitos</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/core_messages.py" line="24" />
        <source>Amount is not a number</source>
        <translation>El importe no es un número</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/core_messages.py" line="25" />
        <source>This payment has already been voided.</source>
        <translation>Este pago ya se anuló.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/core_messages.py" line="26" />
        <source>No gateway password is stored for this account. Ask IT to enter it in Settings.</source>
        <translation>No hay contraseña de la pasarela guardada para esta cuenta. Pida a TI que la introduzca en Configuración.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/core_messages.py" line="28" />
        <source>No card reader is connected. Connect one (or see the Devices page), or key the card instead.</source>
        <translation>No hay ningún lector de tarjetas conectado. Conecte uno (o vea la página Dispositivos), o escriba la tarjeta.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/core_messages.py" line="30" />
        <source>A payment is already in progress on the device.</source>
        <translation>Ya hay un pago en curso en el dispositivo.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/core_messages.py" line="31" />
        <source>The payment was cancelled; nothing was charged.</source>
        <translation>El pago se canceló; no se cobró nada.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/core_messages.py" line="32" />
        <source>The payment was cancelled on the PIN pad.</source>
        <translation>El pago se canceló en el teclado PIN.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/core_messages.py" line="33" />
        <source>No card was swiped in time.</source>
        <translation>No se pasó ninguna tarjeta a tiempo.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/core_messages.py" line="34" />
        <source>The card could not be read after several swipes. Try another card or key it.</source>
        <translation>No se pudo leer la tarjeta tras varios intentos. Pruebe otra tarjeta o escríbala.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/core_messages.py" line="36" />
        <source>The card was removed before the PIN pad finished. Ask the patient to insert it again and leave it in until prompted.</source>
        <translation>Se retiró la tarjeta antes de que el teclado PIN terminara. Pida al paciente que la inserte de nuevo y la deje hasta que se le indique.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/core_messages.py" line="38" />
        <source>No check was fed into the scanner in time. Feed the check, then scan again.</source>
        <translation>No se introdujo ningún cheque en el escáner a tiempo. Introdúzcalo y escanee de nuevo.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/core_messages.py" line="40" />
        <source>The scanner could not read the check (it reported a jam or feed error). Clear it and scan again.</source>
        <translation>El escáner no pudo leer el cheque (indicó un atasco o un error de alimentación). Despéjelo y escanee de nuevo.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/core_messages.py" line="43" />
        <source>The last payment on this terminal is still being checked with the gateway. Take no new payment here until History shows its result.</source>
        <translation>El último pago de este terminal aún se está comprobando con la pasarela. No cobre ningún pago nuevo aquí hasta que el Historial muestre su resultado.</translation>
    </message>
</context>
<context>
    <name>DevicesPage</name>
    <message>
        <location filename="../../desktop_app/ui/devices_page.py" line="105" />
        <source>Devices</source>
        <translation>Dispositivos</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/devices_page.py" line="106" />
        <source>Device</source>
        <translation>Dispositivo</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/devices_page.py" line="106" />
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/devices_page.py" line="107" />
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/devices_page.py" line="107" />
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/devices_page.py" line="108" />
        <source>&amp;Discover devices</source>
        <translation>&amp;Buscar dispositivos</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/devices_page.py" line="109" />
        <source>&amp;Add address</source>
        <translation>&amp;Añadir dirección</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/devices_page.py" line="109" />
        <source>&amp;Remove</source>
        <translation>&amp;Quitar</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/devices_page.py" line="110" />
        <source>Add &amp;simulator</source>
        <translation>Añadir &amp;simulador</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/devices_page.py" line="111" />
        <source>&amp;Test card read</source>
        <translation>&amp;Probar lectura de tarjeta</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/devices_page.py" line="127" />
        <source>Looking for devices…</source>
        <translation>Buscando dispositivos…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/devices_page.py" line="130" />
        <location filename="../../desktop_app/ui/devices_page.py" line="168" />
        <source>{0} device(s) found.</source>
        <translation>{0} dispositivo(s) encontrado(s).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/devices_page.py" line="143" />
        <source>That is not a device address. Addresses start with serial:, tcp:, hid:, usb:, wedge: or bridge:, like serial:COM3 or tcp:10.0.0.5:12000.</source>
        <translation>Eso no es una dirección de dispositivo. Las direcciones empiezan por serial:, tcp:, hid:, usb:, wedge: o bridge:, como serial:COM3 o tcp:10.0.0.5:12000.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/devices_page.py" line="166" />
        <source>Connecting the devices…</source>
        <translation>Conectando los dispositivos…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/devices_page.py" line="173" />
        <source>Present a card on the reader now…</source>
        <translation>Presente una tarjeta en el lector…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/devices_page.py" line="177" />
        <source>Read OK: {0}</source>
        <translation>Lectura correcta: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/devices_page.py" line="179" />
        <source>No card read: {0}</source>
        <translation>No se leyó ninguna tarjeta: {0}</translation>
    </message>
</context>
<context>
    <name>ErrorPresenter</name>
    <message>
        <location filename="../../desktop_app/ui/errors.py" line="78" />
        <source>Front Desk Pay</source>
        <translation>Front Desk Pay</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../desktop_app/ui/errors.py" line="27" />
        <source>Something went wrong inside Front Desk Pay. The details are in the log for IT.</source>
        <translation>Algo falló dentro de Front Desk Pay. Los detalles están en el registro para TI.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/errors.py" line="34" />
        <source>Could not write {0} ({1}). If it is open in another program, close it and try again.</source>
        <translation>No se pudo escribir {0} ({1}). Si está abierto en otro programa, ciérrelo y vuelva a intentarlo.</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../../desktop_app/ui/history/model.py" line="26" />
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/model.py" line="27" />
        <source>Patient</source>
        <translation>Paciente</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/model.py" line="28" />
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/model.py" line="29" />
        <source>Tender</source>
        <translation>Forma de pago</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/model.py" line="30" />
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/model.py" line="31" />
        <source>Approved</source>
        <translation>Aprobado</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/model.py" line="32" />
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/model.py" line="35" />
        <source>Gateway update</source>
        <translation>Aviso pasarela</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/model.py" line="33" />
        <source>Auth</source>
        <translation>Aut.</translation>
    </message>
</context>
<context>
    <name>HistoryPage</name>
    <message>
        <location filename="../../desktop_app/ui/history/actions.py" line="42" />
        <source>Void the {0} payment of {1} ({2})? The patient is not charged.</source>
        <translation>¿Anular el pago ({0}) de {1} ({2})? No se cobrará al paciente.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/actions.py" line="45" />
        <source>Void payment</source>
        <translation>Anular pago</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/actions.py" line="46" />
        <source>Void</source>
        <translation>Anular</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/actions.py" line="51" />
        <source>Voiding…</source>
        <translation>Anulando…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/actions.py" line="57" />
        <source>Refund</source>
        <translation>Reembolso</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/actions.py" line="58" />
        <source>Amount to refund to {0}:</source>
        <translation>Importe a reembolsar a {0}:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/actions.py" line="64" />
        <source>Refund {0} of the {1} payment?</source>
        <translation>¿Reembolsar {0} del pago de {1}?</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/actions.py" line="71" />
        <source>Refunding…</source>
        <translation>Reembolsando…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/actions.py" line="77" />
        <source>The gateway has not told the app what became of the {0} payment of {1} (ref {2}). Look it up on the gateway's portal: was it charged?</source>
        <translation>La pasarela no ha dicho a la aplicación qué pasó con el pago de {0} de {1} (ref. {2}). Búsquelo en el portal de la pasarela: ¿se cobró?</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/actions.py" line="82" />
        <source>Settle from the gateway's portal</source>
        <translation>Cerrar desde el portal de la pasarela</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/actions.py" line="84" />
        <source>Charged…</source>
        <translation>Cobrado…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/actions.py" line="85" />
        <source>Not charged</source>
        <translation>No cobrado</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/actions.py" line="86" />
        <source>Transaction ID the portal shows:</source>
        <translation>ID de transacción que muestra el portal:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/actions.py" line="91" />
        <source>Recording…</source>
        <translation>Registrando…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/actions.py" line="121" />
        <source>The result is not known yet: it may have gone through. Do not repeat it; History shows the result as soon as the gateway answers.</source>
        <translation>El resultado aún no se conoce: puede haberse realizado. No lo repita; el Historial muestra el resultado en cuanto responda la pasarela.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/actions.py" line="127" />
        <source>Declined: {0}</source>
        <translation>Rechazado: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/actions.py" line="128" />
        <source>Not processed: {0}</source>
        <translation>No procesado: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/actions.py" line="129" />
        <source>no reason given</source>
        <translation>sin motivo indicado</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/page.py" line="121" />
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/page.py" line="122" />
        <source>Search patient, last four, amount, auth code…</source>
        <translation>Buscar paciente, últimos cuatro, importe, código de autorización…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/page.py" line="123" />
        <source>Only on</source>
        <translation>Solo el</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/page.py" line="127" />
        <source>Any status</source>
        <translation>Cualquier estado</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/page.py" line="132" />
        <source>&amp;Void…</source>
        <translation>&amp;Anular…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/page.py" line="133" />
        <source>&amp;Refund…</source>
        <translation>&amp;Reembolsar…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/page.py" line="134" />
        <source>Reprint receipt</source>
        <translation>Reimprimir recibo</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/page.py" line="135" />
        <source>&amp;Print…</source>
        <translation>&amp;Imprimir…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/page.py" line="136" />
        <source>Export day to CSV</source>
        <translation>Exportar el día a CSV</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/page.py" line="137" />
        <source>&amp;Settle from portal…</source>
        <translation>&amp;Cerrar desde el portal…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/page.py" line="190" />
        <source>{0} {1} · {2} · {3} · auth {4} · txn {5} · ref {6}</source>
        <translation>{0} {1} · {2} · {3} · aut. {4} · trans. {5} · ref. {6}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/page.py" line="195" />
        <source>reverses txn {0}</source>
        <translation>revierte trans. {0}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/page.py" line="212" />
        <source>{0} {1}: {2} = {3}</source>
        <translation>{0} ({1}): {2} = {3}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/page.py" line="215" />
        <source>End of day {0}: {1}   Net {2}</source>
        <translation>Cierre del día {0}: {1}   Neto {2}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/page.py" line="216" />
        <source>no payments</source>
        <translation>sin pagos</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/page.py" line="244" />
        <source>Receipt saved: {0}</source>
        <translation>Recibo guardado: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/page.py" line="261" />
        <source>Exported {0} payments to {1}</source>
        <translation>Se exportaron {0} pagos a {1}</translation>
    </message>
</context>
<context>
    <name>HistoryWords</name>
    <message>
        <location filename="../../desktop_app/ui/history/words.py" line="14" />
        <source>pending</source>
        <translation>pendiente</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/words.py" line="15" />
        <source>sent</source>
        <translation>enviado</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/words.py" line="16" />
        <source>approved</source>
        <translation>aprobado</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/words.py" line="17" />
        <source>partially approved</source>
        <translation>aprobado en parte</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/words.py" line="18" />
        <source>declined</source>
        <translation>rechazado</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/words.py" line="19" />
        <source>not processed</source>
        <translation>no procesado</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/words.py" line="20" />
        <source>unknown, being checked</source>
        <translation>desconocido, en comprobación</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/words.py" line="22" />
        <source>voided</source>
        <translation>anulado</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/words.py" line="23" />
        <source>refunded</source>
        <translation>reembolsado</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/words.py" line="24" />
        <source>partly refunded</source>
        <translation>reembolso parcial</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/words.py" line="26" />
        <source>sale</source>
        <translation>venta</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/words.py" line="27" />
        <source>authorization</source>
        <translation>autorización</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/words.py" line="28" />
        <source>capture</source>
        <translation>captura</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/words.py" line="29" />
        <source>refund</source>
        <translation>reembolso</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/words.py" line="30" />
        <source>refund by ID</source>
        <translation>reembolso por ID</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/words.py" line="31" />
        <source>void</source>
        <translation>anulación</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/words.py" line="32" />
        <source>card saved</source>
        <translation>tarjeta guardada</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/words.py" line="33" />
        <source>saved card sale</source>
        <translation>venta con tarjeta guardada</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/words.py" line="34" />
        <source>check sale</source>
        <translation>venta con cheque</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/words.py" line="35" />
        <location filename="../../desktop_app/ui/history/words.py" line="39" />
        <source>hosted page</source>
        <translation>página alojada</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/words.py" line="37" />
        <source>card</source>
        <translation>tarjeta</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/words.py" line="38" />
        <source>check</source>
        <translation>cheque</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/words.py" line="55" />
        <source>The payment page expired before the payment was finished: nothing was charged.</source>
        <translation>La página de pago caducó antes de terminar el pago: no se cobró nada.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/words.py" line="57" />
        <source>This payment never reached the gateway: nothing was charged.</source>
        <translation>Este pago nunca llegó a la pasarela: no se cobró nada.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/history/words.py" line="59" />
        <source>The payment page was never shown: nothing was charged.</source>
        <translation>La página de pago nunca se mostró: no se cobró nada.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop_app/ui/device_hub.py" line="32" />
        <location filename="../../desktop_app/ui/device_hub.py" line="40" />
        <source>ready</source>
        <translation>listo</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/device_hub.py" line="33" />
        <source>disconnected</source>
        <translation>desconectado</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/device_hub.py" line="34" />
        <source>waiting for card</source>
        <translation>esperando tarjeta</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/device_hub.py" line="35" />
        <location filename="../../desktop_app/ui/device_hub.py" line="36" />
        <source>reading card</source>
        <translation>leyendo tarjeta</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/device_hub.py" line="37" />
        <source>PIN entry</source>
        <translation>introduciendo PIN</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/device_hub.py" line="38" />
        <source>bad read</source>
        <translation>lectura fallida</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/device_hub.py" line="39" />
        <source>card removed</source>
        <translation>tarjeta retirada</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/device_hub.py" line="41" />
        <source>error</source>
        <translation>error</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/device_hub.py" line="57" />
        <source>PIN pad</source>
        <translation>Teclado PIN</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/device_hub.py" line="58" />
        <source>Card reader</source>
        <translation>Lector de tarjetas</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/device_hub.py" line="59" />
        <source>Check scanner</source>
        <translation>Escáner de cheques</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="144" />
        <source>Open Settings (Ctrl+4) to put it right, then restart Front Desk Pay.</source>
        <translation>Abra Configuración (Ctrl+4) para corregirlo y luego reinicie Front Desk Pay.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="146" />
        <source>Not connected: payments cannot be taken</source>
        <translation>Sin conexión: no se pueden cobrar pagos</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="161" />
        <source>Front Desk Pay {0}</source>
        <translation>Front Desk Pay {0}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="164" />
        <source>Checkout  Ctrl+1</source>
        <translation>Cobro  Ctrl+1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="164" />
        <source>History  Ctrl+2</source>
        <translation>Historial  Ctrl+2</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="165" />
        <source>Devices  Ctrl+3</source>
        <translation>Dispositivos  Ctrl+3</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="165" />
        <source>Settings  Ctrl+4</source>
        <translation>Configuración  Ctrl+4</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="179" />
        <source>Environment: {0}  ·  Terminal {1}</source>
        <translation>Entorno: {0}  ·  Terminal {1}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="183" />
        <source>{0}: TEST PAYMENTS ONLY, no real money moves</source>
        <translation>{0}: SOLO PAGOS DE PRUEBA, no se mueve dinero real</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="195" />
        <source>Devices: connecting…</source>
        <translation>Dispositivos: conectando…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="200" />
        <source>{0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="203" />
        <source>No devices connected</source>
        <translation>No hay dispositivos conectados</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="221" />
        <source>A payment is being processed. Wait for its result, then close Front Desk Pay.</source>
        <translation>Se está procesando un pago. Espere su resultado y después cierre Front Desk Pay.</translation>
    </message>
</context>
<context>
    <name>Operation</name>
    <message>
        <location filename="../../desktop_app/ui/operation.py" line="48" />
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>ProgressPanel</name>
    <message>
        <location filename="../../desktop_app/ui/checkout/progress_panel.py" line="44" />
        <source>Cancel (Esc)</source>
        <translation>Cancelar (Esc)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/progress_panel.py" line="64" />
        <source>Cancelling…</source>
        <translation>Cancelando…</translation>
    </message>
</context>
<context>
    <name>Receipt</name>
    <message>
        <location filename="../../desktop_app/ui/receipts.py" line="49" />
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/receipts.py" line="50" />
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/receipts.py" line="51" />
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/receipts.py" line="52" />
        <source>Patient / account</source>
        <translation>Paciente / cuenta</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/receipts.py" line="53" />
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/receipts.py" line="54" />
        <source>Approved</source>
        <translation>Aprobado</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/receipts.py" line="55" />
        <source>Balance due</source>
        <translation>Saldo pendiente</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/receipts.py" line="56" />
        <source>Card</source>
        <translation>Tarjeta</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/receipts.py" line="57" />
        <source>Tender</source>
        <translation>Forma de pago</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/receipts.py" line="58" />
        <source>Entry mode</source>
        <translation>Modo de entrada</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/receipts.py" line="59" />
        <source>Auth code</source>
        <translation>Código de autorización</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/receipts.py" line="60" />
        <source>Transaction ID</source>
        <translation>ID de transacción</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/receipts.py" line="61" />
        <source>Reference</source>
        <translation>Referencia</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/receipts.py" line="62" />
        <source>Application</source>
        <translation>Aplicación</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/receipts.py" line="63" />
        <source>AID</source>
        <translation>AID</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/receipts.py" line="64" />
        <source>TVR</source>
        <translation>TVR</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/receipts.py" line="65" />
        <source>TSI</source>
        <translation>TSI</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/receipts.py" line="66" />
        <source>CVM results</source>
        <translation>Resultados CVM</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/receipts.py" line="114" />
        <source>I agree to pay the above amount according to the card issuer agreement.</source>
        <translation>Acepto pagar el importe indicado según el contrato del emisor de la tarjeta.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/receipts.py" line="117" />
        <source>Customer copy</source>
        <translation>Copia del cliente</translation>
    </message>
</context>
<context>
    <name>ResultPanel</name>
    <message>
        <location filename="../../desktop_app/ui/checkout/result_panel.py" line="62" />
        <source>Take the balance with another tender</source>
        <translation>Cobrar el saldo con otra forma de pago</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/result_panel.py" line="63" />
        <source>Try again</source>
        <translation>Intentar de nuevo</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/result_panel.py" line="64" />
        <source>Receipt (PDF)…</source>
        <translation>Recibo (PDF)…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/result_panel.py" line="65" />
        <source>&amp;Print…</source>
        <translation>&amp;Imprimir…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/result_panel.py" line="66" />
        <source>New payment</source>
        <translation>Nuevo pago</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/result_panel.py" line="114" />
        <source>Approved {0}</source>
        <translation>Aprobado {0}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/result_panel.py" line="115" />
        <source>Auth code {0}   {1}</source>
        <translation>Código de autorización {0}   {1}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/result_panel.py" line="118" />
        <source>Partially approved: {0} of {1}</source>
        <translation>Aprobado parcialmente: {0} de {1}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/result_panel.py" line="119" />
        <source>Balance due {0}. Auth code {1}   {2}</source>
        <translation>Saldo pendiente {0}. Código de autorización {1}   {2}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/result_panel.py" line="122" />
        <source>Declined</source>
        <translation>Rechazado</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/result_panel.py" line="122" />
        <source>Reason: {0}. Ask for another card or tender.</source>
        <translation>Motivo: {0}. Pida otra tarjeta u otra forma de pago.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/result_panel.py" line="123" />
        <source>no reason given</source>
        <translation>sin motivo indicado</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/result_panel.py" line="125" />
        <source>Result not known yet: do NOT charge again</source>
        <translation>Resultado aún desconocido: NO cobre de nuevo</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/result_panel.py" line="126" />
        <source>The gateway did not answer in time. The app is checking this payment with the gateway and will show the result here and in History. Reference {0}.</source>
        <translation>La pasarela no respondió a tiempo. La aplicación está verificando este pago con la pasarela y mostrará el resultado aquí y en el Historial. Referencia {0}.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/result_panel.py" line="131" />
        <source>Not paid: nothing was charged</source>
        <translation>No pagado: no se cobró nada</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/result_panel.py" line="132" />
        <source>The patient did not pay on the hosted page.</source>
        <translation>El paciente no pagó en la página alojada.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/result_panel.py" line="133" />
        <source>Not processed</source>
        <translation>No procesado</translation>
    </message>
</context>
<context>
    <name>SavedCardSteps</name>
    <message>
        <location filename="../../desktop_app/ui/checkout/saving.py" line="45" />
        <source>This card cannot be saved on file (no card number).</source>
        <translation>Esta tarjeta no se puede guardar (sin número de tarjeta).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/saving.py" line="53" />
        <location filename="../../desktop_app/ui/checkout/saving.py" line="58" />
        <source>The card was not saved on file: {0}</source>
        <translation>La tarjeta no se guardó: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/saving.py" line="56" />
        <source>Card saved on file: {0}</source>
        <translation>Tarjeta guardada: {0}</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <location filename="../../desktop_app/ui/settings_page.py" line="104" />
        <source>Gateway pass&amp;word</source>
        <translation>Contrase&amp;ña de la pasarela</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_page.py" line="119" />
        <source>New IT pass&amp;code (blank: keep)</source>
        <translation>&amp;Nuevo código de TI (vacío: se mantiene)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings.py" line="91" />
        <source>Receipt &amp;header</source>
        <translation>Encabezado del &amp;recibo</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings.py" line="92" />
        <source>receipt header</source>
        <translation>encabezado del recibo</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings.py" line="96" />
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings.py" line="97" />
        <source>language</source>
        <translation>idioma</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings.py" line="101" />
        <source>&amp;Environment</source>
        <translation>&amp;Entorno</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings.py" line="102" />
        <source>environment</source>
        <translation>entorno</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings.py" line="105" />
        <source>&amp;Protocol</source>
        <translation>&amp;Protocolo</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings.py" line="106" />
        <source>protocol</source>
        <translation>protocolo</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings.py" line="109" />
        <source>Acc&amp;ount ID</source>
        <translation>ID de c&amp;uenta</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings.py" line="110" />
        <source>account ID</source>
        <translation>ID de cuenta</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings.py" line="113" />
        <source>&amp;Merchant ID</source>
        <translation>ID de &amp;comercio</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings.py" line="114" />
        <source>merchant ID</source>
        <translation>ID de comercio</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings.py" line="117" />
        <source>Sto&amp;re ID</source>
        <translation>ID de tien&amp;da</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings.py" line="118" />
        <source>store ID</source>
        <translation>ID de tienda</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings.py" line="124" />
        <source>&amp;Terminal ID</source>
        <translation>ID de &amp;terminal</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings.py" line="125" />
        <source>terminal ID</source>
        <translation>ID de terminal</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings.py" line="130" />
        <source>Several desks share this terminal I&amp;D</source>
        <translation>&amp;Varias recepciones comparten este ID de terminal</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings.py" line="131" />
        <source>terminal sharing</source>
        <translation>terminal compartido</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings.py" line="134" />
        <source>Check the hosted page every</source>
        <translation>Consultar la página alojada cada</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings.py" line="135" />
        <source>hosted page check interval</source>
        <translation>intervalo de consulta de la página alojada</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings.py" line="137" />
        <location filename="../../desktop_app/settings.py" line="149" />
        <source>s</source>
        <translation>s</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings.py" line="140" />
        <source>Hosted page time limit</source>
        <translation>Tiempo límite de la página alojada</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings.py" line="141" />
        <source>hosted page time limit</source>
        <translation>tiempo límite de la página alojada</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings.py" line="143" />
        <source>min</source>
        <translation>min</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings.py" line="146" />
        <source>Gateway read timeout</source>
        <translation>Tiempo de espera de la pasarela</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings.py" line="147" />
        <source>gateway read timeout</source>
        <translation>tiempo de espera de la pasarela</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings.py" line="155" />
        <source>Journal database (blank: on this PC)</source>
        <translation>Base de datos del registro (vacío: en este equipo)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings.py" line="156" />
        <source>journal database</source>
        <translation>base de datos del registro</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings.py" line="159" />
        <source>Webhook store database (blank: on this PC)</source>
        <translation>Base de datos de webhooks (vacío: en este equipo)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/settings.py" line="160" />
        <source>webhook store database</source>
        <translation>base de datos de webhooks</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../desktop_app/ui/settings_page.py" line="183" />
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_page.py" line="191" />
        <source>Front desk</source>
        <translation>Recepción</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_page.py" line="192" />
        <source>For IT</source>
        <translation>Para TI</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_page.py" line="193" />
        <source>IT passcode</source>
        <translation>Código de TI</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_page.py" line="194" />
        <source>&amp;Unlock</source>
        <translation>Des&amp;bloquear</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_page.py" line="195" />
        <source>stored in the system keyring, never in a file</source>
        <translation>se guarda en el llavero del sistema, nunca en un archivo</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_page.py" line="196" />
        <source>&amp;Save settings</source>
        <translation>&amp;Guardar configuración</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_page.py" line="251" />
        <source>That is not the IT passcode.</source>
        <translation>Ese no es el código de TI.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_page.py" line="277" />
        <source>Saved. Restart Front Desk Pay to use the new: {0}.</source>
        <translation>Guardado. Reinicie Front Desk Pay para usar: {0}.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_page.py" line="279" />
        <source>Saved.</source>
        <translation>Guardado.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_page.py" line="281" />
        <source>Saved. Restart Front Desk Pay to use them.</source>
        <translation>Guardado. Reinicie Front Desk Pay para usarlos.</translation>
    </message>
</context>
<context>
    <name>SsoPanel</name>
    <message>
        <location filename="../../desktop_app/ui/checkout/hosted.py" line="99" />
        <source>Close page (Esc)</source>
        <translation>Cerrar página (Esc)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/hosted.py" line="106" />
        <source>Patient pays {0} on the hosted page. Waiting…</source>
        <translation>El paciente paga {0} en la página alojada. Esperando…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/hosted.py" line="128" />
        <source>The page's time limit has passed. Asking the gateway whether anything was paid (checks: {0})…</source>
        <translation>Se agotó el tiempo de la página. Preguntando a la pasarela si se pagó algo (comprobaciones: {0})…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/checkout/hosted.py" line="132" />
        <source>Waiting for the patient to finish on the hosted page (gateway checks: {0})…</source>
        <translation>Esperando a que el paciente termine en la página alojada (consultas: {0})…</translation>
    </message>
</context>
</TS>