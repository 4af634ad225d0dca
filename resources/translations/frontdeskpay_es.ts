<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>AppContext</name>
    <message>
        <source>A card was swiped while no payment was waiting for it: nothing was read or kept. Press Take payment first, then swipe.</source>
        <translation>Se pasó una tarjeta sin ningún pago en espera: no se leyó ni se guardó nada. Pulse primero Cobrar y después pase la tarjeta.</translation>
    </message>
</context>
<context>
    <name>CheckoutForm</name>
    <message>
        <source>New payment</source>
        <translation>Nuevo pago</translation>
    </message>
    <message>
        <source>&amp;Patient / account</source>
        <translation>&amp;Paciente / cuenta</translation>
    </message>
    <message>
        <source>A&amp;mount</source>
        <translation>I&amp;mporte</translation>
    </message>
    <message>
        <source>&amp;Tender</source>
        <translation>&amp;Forma de pago</translation>
    </message>
    <message>
        <source>Card &amp;number</source>
        <translation>&amp;Número de tarjeta</translation>
    </message>
    <message>
        <source>E&amp;xpiry (MM/YY)</source>
        <translation>&amp;Vencimiento (MM/AA)</translation>
    </message>
    <message>
        <source>Security &amp;code</source>
        <translation>Código de &amp;seguridad</translation>
    </message>
    <message>
        <source>Name on car&amp;d</source>
        <translation>&amp;Titular de la tarjeta</translation>
    </message>
    <message>
        <source>Billing &amp;ZIP</source>
        <translation>Código postal de fa&amp;cturación</translation>
    </message>
    <message>
        <source>Saved &amp;card</source>
        <translation>Tarjeta &amp;guardada</translation>
    </message>
    <message>
        <source>Account &amp;holder</source>
        <translation>&amp;Titular de la cuenta</translation>
    </message>
    <message>
        <source>Account t&amp;ype</source>
        <translation>Tipo de cuent&amp;a</translation>
    </message>
    <message>
        <source>&amp;Routing number</source>
        <translation>Número de &amp;ruta</translation>
    </message>
    <message>
        <source>A&amp;ccount number</source>
        <translation>Número de &amp;cuenta</translation>
    </message>
    <message>
        <source>Check n&amp;umber</source>
        <translation>Número de c&amp;heque</translation>
    </message>
    <message>
        <source>Read to the patient</source>
        <translation>Leer al paciente</translation>
    </message>
    <message>
        <source>&amp;Save card on file for this patient</source>
        <translation>&amp;Guardar la tarjeta para este paciente</translation>
    </message>
    <message>
        <source>Show the whole number until the next key</source>
        <translation>Mostrar el número completo hasta la siguiente tecla</translation>
    </message>
    <message>
        <source>e.g. MRN or account number</source>
        <translation>p. ej. número de historia o de cuenta</translation>
    </message>
    <message>
        <source>for address verification</source>
        <translation>para verificar la dirección</translation>
    </message>
    <message>
        <source>Card on the reader</source>
        <translation>Tarjeta en el lector</translation>
    </message>
    <message>
        <source>Keyed card (by phone)</source>
        <translation>Tarjeta tecleada (por teléfono)</translation>
    </message>
    <message>
        <source>Check by phone</source>
        <translation>Cheque por teléfono</translation>
    </message>
    <message>
        <source>Card on file</source>
        <translation>Tarjeta guardada</translation>
    </message>
    <message>
        <source>Sho&amp;w</source>
        <translation>Mostra&amp;r</translation>
    </message>
    <message>
        <source>Check scanned at the desk</source>
        <translation>Cheque escaneado en recepción</translation>
    </message>
    <message>
        <source>Hosted payment page</source>
        <translation>Página de pago alojada</translation>
    </message>
    <message>
        <source>Take payment</source>
        <translation>Cobrar</translation>
    </message>
    <message>
        <source>Test cards…</source>
        <translation>Tarjetas de prueba…</translation>
    </message>
    <message>
        <source>Connecting to the journal and the gateway…</source>
        <translation>Conectando con el registro y la pasarela…</translation>
    </message>
    <message>
        <source>Enter takes the payment. Escape clears the form.</source>
        <translation>Intro cobra el pago. Escape borra el formulario.</translation>
    </message>
    <message>
        <source>That was card data, not a patient or account: it was cleared and not kept. Type the patient, then press Take payment before swiping.</source>
        <translation>Eso eran datos de tarjeta, no un paciente o una cuenta: se borraron y no se guardaron. Escriba el paciente y pulse Cobrar antes de pasar la tarjeta.</translation>
    </message>
    <message>
        <source>Enter the amount to charge.</source>
        <translation>Introduzca el importe a cobrar.</translation>
    </message>
    <message>
        <source>The amount must be more than zero.</source>
        <translation>El importe debe ser mayor que cero.</translation>
    </message>
    <message>
        <source>Enter the patient / account to save the card for.</source>
        <translation>Indique el paciente / cuenta para el que se guarda la tarjeta.</translation>
    </message>
    <message>
        <source>Read the authorization to the patient and tick the box once they agree.</source>
        <translation>Lea la autorización al paciente y marque la casilla cuando dé su conformidad.</translation>
    </message>
    <message>
        <source>Check which card on file to charge for this patient, then press Enter again.</source>
        <translation>Compruebe qué tarjeta guardada cobrar a este paciente y pulse Intro de nuevo.</translation>
    </message>
    <message>
        <source>This patient has no card on file yet.</source>
        <translation>Este paciente aún no tiene tarjeta guardada.</translation>
    </message>
</context>
<context>
    <name>CheckoutPage</name>
    <message>
        <source>Insert, tap or swipe the card</source>
        <translation>Inserte, acerque o deslice la tarjeta</translation>
    </message>
    <message>
        <source>Reading card…</source>
        <translation>Leyendo la tarjeta…</translation>
    </message>
    <message>
        <source>Enter PIN on the pad</source>
        <translation>Introduzca el PIN en el teclado</translation>
    </message>
    <message>
        <source>Card removed</source>
        <translation>Tarjeta retirada</translation>
    </message>
    <message>
        <source>The device was disconnected</source>
        <translation>El dispositivo se desconectó</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelando…</translation>
    </message>
    <message>
        <source>Swipe the card</source>
        <translation>Deslice la tarjeta</translation>
    </message>
    <message>
        <source>This card has a chip: insert it</source>
        <translation>Esta tarjeta tiene chip: insértela</translation>
    </message>
    <message>
        <source>The chip could not be read: swipe the card</source>
        <translation>No se pudo leer el chip: deslice la tarjeta</translation>
    </message>
    <message>
        <source>The card could not be read. Try again</source>
        <translation>No se pudo leer la tarjeta. Inténtelo de nuevo</translation>
    </message>
    <message>
        <source>Opening the hosted payment page…</source>
        <translation>Abriendo la página de pago alojada…</translation>
    </message>
    <message>
        <source>Hosted page closed. The app keeps checking it in the background until it expires at {0}: if the patient paid on it, the payment shows in History; if not, History says nothing was charged.</source>
        <translation>Página de pago cerrada. La aplicación sigue comprobándola en segundo plano hasta que caduque a las {0}: si el paciente pagó en ella, el pago aparecerá en el Historial; si no, el Historial indicará que no se cobró nada.</translation>
    </message>
    <message>
        <source>Processing…</source>
        <translation>Procesando…</translation>
    </message>
    <message>
        <source>Processing {0}…</source>
        <translation>Procesando {0}…</translation>
    </message>
    <message>
        <source>Payment cancelled. Nothing was charged.</source>
        <translation>Pago cancelado. No se cobró nada.</translation>
    </message>
    <message>
        <source>Balance of payment {0}: the first tender ({1}) paid {2} of {3}.</source>
        <translation>Saldo del pago {0}: la primera forma de pago ({1}) cubrió {2} de {3}.</translation>
    </message>
    <message>
        <source>Void the {0} the card paid? The patient is then charged nothing for this payment.</source>
        <translation>¿Anular los {0} que pagó la tarjeta? Así no se cobra nada al paciente por este pago.</translation>
    </message>
    <message>
        <source>Void the approved part</source>
        <translation>Anular la parte aprobada</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>Anular</translation>
    </message>
    <message>
        <source>Voiding…</source>
        <translation>Anulando…</translation>
    </message>
    <message>
        <source>Save the receipt</source>
        <translation>Guardar el recibo</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Archivos PDF (*.pdf)</translation>
    </message>
    <message>
        <source>The check image is too dark.</source>
        <translation>La imagen del cheque está demasiado oscura.</translation>
    </message>
    <message>
        <source>The check went in crooked.</source>
        <translation>El cheque entró torcido.</translation>
    </message>
    <message>
        <source>A corner of the check is folded.</source>
        <translation>Una esquina del cheque está doblada.</translation>
    </message>
    <message>
        <source>The check image could not be read.</source>
        <translation>No se pudo leer la imagen del cheque.</translation>
    </message>
    <message>
        <source>Flatten the check and feed it again.</source>
        <translation>Alise el cheque y páselo de nuevo.</translation>
    </message>
    <message>
        <source>No check scanner is connected. Key the routing and account numbers from the bottom of the check.</source>
        <translation>No hay escáner de cheques conectado. Teclee los números de ruta y de cuenta de la parte inferior del cheque.</translation>
    </message>
    <message>
        <source>Feed the check into the scanner</source>
        <translation>Introduzca el cheque en el escáner</translation>
    </message>
    <message>
        <source>Part of the check&apos;s MICR line could not be read. Correct the numbers (? marks what could not be read) from the bottom of the check.</source>
        <translation>Parte de la línea MICR del cheque no se pudo leer. Corrija los números (? marca lo que no se pudo leer) con la parte inferior del cheque.</translation>
    </message>
    <message>
        <source>The check&apos;s MICR line could not be read. Key the routing and account numbers printed at the bottom of the check.</source>
        <translation>No se pudo leer la línea MICR del cheque. Teclee los números de ruta y de cuenta impresos al pie del cheque.</translation>
    </message>
    <message>
        <source>The check&apos;s image could not be used after several scans. Key the routing and account numbers from the bottom of the check.</source>
        <translation>La imagen del cheque no se pudo usar tras varios escaneos. Escriba los números de ruta y de cuenta de la parte inferior del cheque.</translation>
    </message>
</context>
<context>
    <name>CoreMessages</name>
    <message>
        <source>No secure keyring is available on this computer, so Front Desk Pay will not store passwords. Use Windows Credential Manager, the macOS Keychain, or on Linux a Secret Service keyring (GNOME Keyring or KWallet) that is installed and unlocked, then try again.</source>
        <translation>Este equipo no tiene un almacén seguro de contraseñas, así que Front Desk Pay no guardará contraseñas. Use el Administrador de credenciales de Windows, el Llavero de macOS o, en Linux, un llavero Secret Service (GNOME Keyring o KWallet) instalado y desbloqueado, y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>Expiry must look like MM/YY</source>
        <translation>La caducidad debe tener la forma MM/AA</translation>
    </message>
    <message>
        <source>Expiry month must be 01 to 12</source>
        <translation>El mes de caducidad debe ser de 01 a 12</translation>
    </message>
    <message>
        <source>Card number must be 13 to 19 digits</source>
        <translation>El número de tarjeta debe tener de 13 a 19 dígitos</translation>
    </message>
    <message>
        <source>Card number is not valid (check digit); please re-enter it</source>
        <translation>El número de tarjeta no es válido (dígito de control); vuelva a escribirlo</translation>
    </message>
    <message>
        <source>Security code must be 3 or 4 digits</source>
        <translation>El código de seguridad debe tener 3 o 4 dígitos</translation>
    </message>
    <message>
        <source>This card has expired: check the expiry date</source>
        <translation>Esta tarjeta está caducada: compruebe la fecha de vencimiento</translation>
    </message>
    <message>
        <source>Billing ZIP must be 5 digits (or ZIP+4)</source>
        <translation>El código postal de facturación debe tener 5 dígitos (o ZIP+4)</translation>
    </message>
    <message>
        <source>Enter the account holder&apos;s name as the check shows it</source>
        <translation>Escriba el nombre del titular de la cuenta tal como figura en el cheque</translation>
    </message>
    <message>
        <source>Routing number is not valid (check digit); please re-enter it</source>
        <translation>El número de ruta no es válido (dígito de control); vuelva a escribirlo</translation>
    </message>
    <message>
        <source>Account number must be 4 to 17 digits</source>
        <translation>El número de cuenta debe tener de 4 a 17 dígitos</translation>
    </message>
    <message>
        <source>Amount is not a number</source>
        <translation>El importe no es un número</translation>
    </message>
    <message>
        <source>This payment has already been voided.</source>
        <translation>Este pago ya se anuló.</translation>
    </message>
    <message>
        <source>No gateway password is stored for this account. Ask IT to enter it in Settings.</source>
        <translation>No hay contraseña de la pasarela guardada para esta cuenta. Pida a TI que la introduzca en Configuración.</translation>
    </message>
    <message>
        <source>No card reader is connected. Connect one (or see the Devices page), or key the card instead.</source>
        <translation>No hay ningún lector de tarjetas conectado. Conecte uno (o vea la página Dispositivos), o escriba la tarjeta.</translation>
    </message>
    <message>
        <source>A payment is already in progress on the device.</source>
        <translation>Ya hay un pago en curso en el dispositivo.</translation>
    </message>
    <message>
        <source>The payment was cancelled; nothing was charged.</source>
        <translation>El pago se canceló; no se cobró nada.</translation>
    </message>
    <message>
        <source>The payment was cancelled on the PIN pad.</source>
        <translation>El pago se canceló en el teclado PIN.</translation>
    </message>
    <message>
        <source>No card was swiped in time.</source>
        <translation>No se pasó ninguna tarjeta a tiempo.</translation>
    </message>
    <message>
        <source>The card could not be read after several swipes. Try another card or key it.</source>
        <translation>No se pudo leer la tarjeta tras varios intentos. Pruebe otra tarjeta o escríbala.</translation>
    </message>
    <message>
        <source>The card was removed before the PIN pad finished. Ask the patient to insert it again and leave it in until prompted.</source>
        <translation>Se retiró la tarjeta antes de que el teclado PIN terminara. Pida al paciente que la inserte de nuevo y la deje hasta que se le indique.</translation>
    </message>
    <message>
        <source>No check was fed into the scanner in time. Feed the check, then scan again.</source>
        <translation>No se introdujo ningún cheque en el escáner a tiempo. Introdúzcalo y escanee de nuevo.</translation>
    </message>
    <message>
        <source>The scanner could not read the check (it reported a jam or feed error). Clear it and scan again.</source>
        <translation>El escáner no pudo leer el cheque (indicó un atasco o un error de alimentación). Despéjelo y escanee de nuevo.</translation>
    </message>
    <message>
        <source>Enter the payer ID.</source>
        <translation>Escriba el ID del pagador.</translation>
    </message>
    <message>
        <source>The member ID must be 2 to 80 letters or digits.</source>
        <translation>El ID de miembro debe tener de 2 a 80 letras o dígitos.</translation>
    </message>
    <message>
        <source>Enter the patient&apos;s first and last name.</source>
        <translation>Escriba el nombre y el apellido del paciente.</translation>
    </message>
    <message>
        <source>The provider NPI in settings is not a valid 10-digit NPI.</source>
        <translation>El NPI del proveedor en la configuración no es un NPI válido de 10 dígitos.</translation>
    </message>
    <message>
        <source>The provider name in settings is empty.</source>
        <translation>El nombre del proveedor en la configuración está vacío.</translation>
    </message>
    <message>
        <source>The last payment on this terminal is still being checked with the gateway. Take no new payment here until History shows its result.</source>
        <translation>El último pago de este terminal aún se está comprobando con la pasarela. No cobre ningún pago nuevo aquí hasta que el Historial muestre su resultado.</translation>
    </message>
    <message>
        <source>A payment of {0} started at {1} UTC for this patient may already have been charged: the gateway has not said yet. Do not charge it again until it is settled: check the gateway&apos;s portal, then settle it in History (Settle from portal).</source>
        <translation>Un pago de {0} iniciado a las {1} UTC para este paciente puede haberse cobrado ya: la pasarela aún no lo ha dicho. No lo cobre de nuevo hasta que esté cerrado: consulte el portal de la pasarela y ciérrelo en el Historial (Cerrar desde el portal).</translation>
    </message>
</context>
<context>
    <name>CoverageDialog</name>
    <message>
        <source>Take &amp;payment</source>
        <translation>&amp;Pasar al cobro</translation>
    </message>
    <message>
        <source>Coverage for patient {0}</source>
        <translation>Cobertura del paciente {0}</translation>
    </message>
    <message>
        <source>Patient {0} has not been checked here before. Enter the member ID, name and date of birth from the insurance card, then press Ctrl+E.</source>
        <translation>El paciente {0} no se ha verificado aquí antes. Introduzca el número de afiliado, el nombre y la fecha de nacimiento de la tarjeta del seguro y pulse Ctrl+E.</translation>
    </message>
    <message>
        <source>The last check of patient {0} could not be read back. Enter the details from the insurance card, then press Ctrl+E.</source>
        <translation>No se pudo recuperar la última verificación del paciente {0}. Introduzca los datos de la tarjeta del seguro y pulse Ctrl+E.</translation>
    </message>
    <message>
        <source>Filled in from the last check of patient {0} ({1}). Confirm the details with the patient, then press Ctrl+E.</source>
        <translation>Rellenado con la última verificación del paciente {0} ({1}). Confirme los datos con el paciente y pulse Ctrl+E.</translation>
    </message>
</context>
<context>
    <name>DeviceWords</name>
    <message>
        <source>PIN pad: a chip card that is approved</source>
        <translation>Teclado PIN: una tarjeta con chip que se aprueba</translation>
    </message>
    <message>
        <source>PIN pad: a swiped card</source>
        <translation>Teclado PIN: una tarjeta deslizada</translation>
    </message>
    <message>
        <source>PIN pad: a tapped (contactless) card</source>
        <translation>Teclado PIN: una tarjeta sin contacto</translation>
    </message>
    <message>
        <source>PIN pad: the chip fails, then the card is swiped</source>
        <translation>Teclado PIN: falla el chip y se desliza la tarjeta</translation>
    </message>
    <message>
        <source>PIN pad: the card is pulled out too early</source>
        <translation>Teclado PIN: la tarjeta se retira antes de tiempo</translation>
    </message>
    <message>
        <source>PIN pad: unplugged during the payment</source>
        <translation>Teclado PIN: se desconecta durante el pago</translation>
    </message>
    <message>
        <source>PIN pad: the card cannot be read</source>
        <translation>Teclado PIN: la tarjeta no se puede leer</translation>
    </message>
    <message>
        <source>PIN pad: no card is presented</source>
        <translation>Teclado PIN: no se presenta ninguna tarjeta</translation>
    </message>
    <message>
        <source>Check scanner: a check that reads well</source>
        <translation>Escáner de cheques: un cheque que se lee bien</translation>
    </message>
    <message>
        <source>Check scanner: a check with a damaged MICR line</source>
        <translation>Escáner de cheques: un cheque con la línea MICR dañada</translation>
    </message>
    <message>
        <source>Check scanner: a routing number whose check digit does not match</source>
        <translation>Escáner de cheques: un número de ruta cuyo dígito de control no coincide</translation>
    </message>
    <message>
        <source>PIN pad: a chip card is swiped, then inserted</source>
        <translation>Teclado PIN: una tarjeta con chip se desliza y luego se inserta</translation>
    </message>
    <message>
        <source>USB check reader (MICRSafe): a check that reads well</source>
        <translation>Lector USB de cheques (MICRSafe): un cheque que se lee bien</translation>
    </message>
    <message>
        <source>Check image scanner: a check with clear TIFF images</source>
        <translation>Escáner de imágenes de cheques: un cheque con imágenes TIFF nítidas</translation>
    </message>
    <message>
        <source>Check image scanner: a check with clear JPEG images</source>
        <translation>Escáner de imágenes de cheques: un cheque con imágenes JPEG nítidas</translation>
    </message>
    <message>
        <source>Check image scanner: too dark the first time</source>
        <translation>Escáner de imágenes de cheques: demasiado oscura la primera vez</translation>
    </message>
    <message>
        <source>Check image scanner: fed crooked the first time</source>
        <translation>Escáner de imágenes de cheques: entra torcido la primera vez</translation>
    </message>
    <message>
        <source>Check image scanner: a folded corner the first time</source>
        <translation>Escáner de imágenes de cheques: una esquina doblada la primera vez</translation>
    </message>
    <message>
        <source>USB swipe reader: a swiped card</source>
        <translation>Lector USB de banda: una tarjeta deslizada</translation>
    </message>
    <message>
        <source>network serial port {0}</source>
        <translation>puerto serie de red {0}</translation>
    </message>
    <message>
        <source>serial port {0}</source>
        <translation>puerto serie {0}</translation>
    </message>
    <message>
        <source>network {0}</source>
        <translation>red {0}</translation>
    </message>
    <message>
        <source>USB {0}</source>
        <translation>USB {0}</translation>
    </message>
    <message>
        <source>keyboard (wedge)</source>
        <translation>teclado (cuña)</translation>
    </message>
    <message>
        <source>thin client (bridge)</source>
        <translation>cliente ligero (puente)</translation>
    </message>
    <message>
        <source>simulator</source>
        <translation>simulador</translation>
    </message>
</context>
<context>
    <name>DevicesPage</name>
    <message>
        <source>Devices</source>
        <translation>Dispositivos</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Dispositivo</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>Plugged in</source>
        <translation>Conectado a</translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation>Número de serie</translation>
    </message>
    <message>
        <source>&amp;Discover devices</source>
        <translation>&amp;Buscar dispositivos</translation>
    </message>
    <message>
        <source>&amp;Add address</source>
        <translation>&amp;Añadir dirección</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Quitar</translation>
    </message>
    <message>
        <source>Add &amp;simulator</source>
        <translation>Añadir &amp;simulador</translation>
    </message>
    <message>
        <source>&amp;Test card read</source>
        <translation>&amp;Probar lectura de tarjeta</translation>
    </message>
    <message>
        <source>Pair with the thin client&apos;s bridge</source>
        <translation>Vincular con el puente del cliente ligero</translation>
    </message>
    <message>
        <source>Pairing code the bridge shows</source>
        <translation>Código de vinculación que muestra el puente</translation>
    </message>
    <message>
        <source> — does not encrypt: card data crosses the network (use an encrypting reader)</source>
        <translation> — no cifra: los datos de la tarjeta cruzan la red (use un lector que cifre)</translation>
    </message>
    <message>
        <source>Looking for devices…</source>
        <translation>Buscando dispositivos…</translation>
    </message>
    <message>
        <source>{0} device(s) found.</source>
        <translation>{0} dispositivo(s) encontrado(s).</translation>
    </message>
    <message>
        <source>That is not a device address. Addresses start with serial:, tcp:, hid:, usb:, wedge: or bridge:, like serial:COM3 or tcp:10.0.0.5:12000.</source>
        <translation>Eso no es una dirección de dispositivo. Las direcciones empiezan por serial:, tcp:, hid:, usb:, wedge: o bridge:, como serial:COM3 o tcp:10.0.0.5:12000.</translation>
    </message>
    <message>
        <source>Select the device to remove first.</source>
        <translation>Seleccione primero el dispositivo que quiere quitar.</translation>
    </message>
    <message>
        <source>{0} ({1}, {2})</source>
        <translation>{0} ({1}, {2})</translation>
    </message>
    <message>
        <source>Remove device</source>
        <translation>Quitar dispositivo</translation>
    </message>
    <message>
        <source>Remove the {0}? It is no longer used for payments until it is added again.</source>
        <translation>¿Quitar el {0}? No se usará para cobrar hasta que se añada de nuevo.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Connecting the devices…</source>
        <translation>Conectando los dispositivos…</translation>
    </message>
    <message>
        <source>Type the code the bridge shows on the thin client.</source>
        <translation>Escriba el código que muestra el puente en el cliente ligero.</translation>
    </message>
    <message>
        <source>Pairing with the device bridge…</source>
        <translation>Vinculando con el puente de dispositivos…</translation>
    </message>
    <message>
        <source>Not paired: {0}</source>
        <translation>No vinculado: {0}</translation>
    </message>
    <message>
        <source>Paired with the device bridge on {0}. {1} device(s) found.</source>
        <translation>Vinculado con el puente de dispositivos en {0}. {1} dispositivo(s) encontrado(s).</translation>
    </message>
    <message>
        <source>Present a card on the reader now…</source>
        <translation>Presente una tarjeta en el lector…</translation>
    </message>
    <message>
        <source>Read OK: {0}</source>
        <translation>Lectura correcta: {0}</translation>
    </message>
    <message>
        <source>No card read: {0}</source>
        <translation>No se leyó ninguna tarjeta: {0}</translation>
    </message>
</context>
<context>
    <name>EligibilityPanel</name>
    <message>
        <source>Coverage check (eligibility)</source>
        <translation>Verificación de cobertura (elegibilidad)</translation>
    </message>
    <message>
        <source>Payer ID</source>
        <translation>ID del pagador</translation>
    </message>
    <message>
        <source>Member ID</source>
        <translation>ID de miembro</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Apellido</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Fecha de nacimiento</translation>
    </message>
    <message>
        <source>Visit type</source>
        <translation>Tipo de visita</translation>
    </message>
    <message>
        <source>Patient is the</source>
        <translation>El paciente es el</translation>
    </message>
    <message>
        <source>MM/DD/YYYY</source>
        <translation>MM/DD/AAAA</translation>
    </message>
    <message>
        <source>Health plan coverage</source>
        <translation>Cobertura del plan de salud</translation>
    </message>
    <message>
        <source>Office visit</source>
        <translation>Consulta en el consultorio</translation>
    </message>
    <message>
        <source>subscriber</source>
        <translation>titular</translation>
    </message>
    <message>
        <source>spouse</source>
        <translation>cónyuge</translation>
    </message>
    <message>
        <source>child</source>
        <translation>hijo o hija</translation>
    </message>
    <message>
        <source>other dependent</source>
        <translation>otro dependiente</translation>
    </message>
    <message>
        <source>Check coverage (Ctrl+E)</source>
        <translation>Verificar cobertura (Ctrl+E)</translation>
    </message>
    <message>
        <source>Stop waiting</source>
        <translation>Dejar de esperar</translation>
    </message>
    <message>
        <source>Enter the date of birth as MM/DD/YYYY.</source>
        <translation>Escriba la fecha de nacimiento como MM/DD/AAAA.</translation>
    </message>
    <message>
        <source>Asking the payer…</source>
        <translation>Consultando al pagador…</translation>
    </message>
    <message>
        <source>Stopped waiting. Nothing was changed.</source>
        <translation>Se dejó de esperar. No se cambió nada.</translation>
    </message>
    <message>
        <source>The payer&apos;s answer could not be read. Ask again, or call the payer.</source>
        <translation>No se pudo leer la respuesta del pagador. Vuelva a consultar o llame al pagador.</translation>
    </message>
    <message>
        <source>Coverage is active: {0}.</source>
        <translation>La cobertura está activa: {0}.</translation>
    </message>
    <message>
        <source>plan</source>
        <translation>plan</translation>
    </message>
    <message>
        <source>Patient owes today: {0}</source>
        <translation>El paciente debe hoy: {0}</translation>
    </message>
    <message>
        <source>Copay today: {0}</source>
        <translation>Copago de hoy: {0}</translation>
    </message>
    <message>
        <source>Deductible left: {0}</source>
        <translation>Deducible pendiente: {0}</translation>
    </message>
    <message>
        <source>Out-of-pocket left: {0}</source>
        <translation>Gasto máximo pendiente: {0}</translation>
    </message>
    <message>
        <source>Coinsurance: {0} %</source>
        <translation>Coseguro: {0} %</translation>
    </message>
    <message>
        <source>Coverage is NOT active. Ask the patient for current insurance.</source>
        <translation>La cobertura NO está activa. Pida al paciente su seguro actual.</translation>
    </message>
    <message>
        <source>The payer cannot answer right now. Try again in a few minutes.</source>
        <translation>El pagador no puede responder ahora. Vuelva a intentarlo en unos minutos.</translation>
    </message>
    <message>
        <source>The payer did not find this patient. Check the member ID, name and date of birth.</source>
        <translation>El pagador no encontró a este paciente. Revise el ID de miembro, el nombre y la fecha de nacimiento.</translation>
    </message>
    <message>
        <source>The payer refused the question: {0}.</source>
        <translation>El pagador rechazó la consulta: {0}.</translation>
    </message>
    <message>
        <source>The payer&apos;s answer does not say whether coverage is active.</source>
        <translation>La respuesta del pagador no dice si la cobertura está activa.</translation>
    </message>
</context>
<context>
    <name>EodReconcile</name>
    <message>
        <source>Reconcile 835…</source>
        <translation>Conciliar 835…</translation>
    </message>
    <message>
        <source>Open the day&apos;s 835 posting file</source>
        <translation>Abrir el archivo 835 de liquidación del día</translation>
    </message>
    <message>
        <source>835 posting files (*.rep *.835 *.edi *.txt);;All files (*)</source>
        <translation>Archivos 835 de liquidación (*.rep *.835 *.edi *.txt);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Checking {0}…</source>
        <translation>Comprobando {0}…</translation>
    </message>
    <message>
        <source>Stopped: the 835 file was not read and nothing was changed.</source>
        <translation>Detenido: no se leyó el archivo 835 y no se cambió nada.</translation>
    </message>
    <message>
        <source>Reconciled {0}: {1} discrepancies.</source>
        <translation>Conciliado {0}: {1} diferencias.</translation>
    </message>
    <message>
        <source>Matching {0} payments to the journal…</source>
        <translation>Cotejando {0} pagos con el diario…</translation>
    </message>
</context>
<context>
    <name>EodResult</name>
    <message>
        <source>Reference</source>
        <translation>Referencia</translation>
    </message>
    <message>
        <source>Transaction ID</source>
        <translation>ID de transacción</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Paciente</translation>
    </message>
    <message>
        <source>Journal amount</source>
        <translation>Importe en el diario</translation>
    </message>
    <message>
        <source>File amount</source>
        <translation>Importe en el archivo</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>Diferencia</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>&amp;Matched ({0})</source>
        <translation>&amp;Coincidentes ({0})</translation>
    </message>
    <message>
        <source>Matched</source>
        <translation>Coincidentes</translation>
    </message>
    <message>
        <source>In the &amp;file only ({0})</source>
        <translation>Solo en el &amp;archivo ({0})</translation>
    </message>
    <message>
        <source>In the file, not in the journal</source>
        <translation>En el archivo, no en el diario</translation>
    </message>
    <message>
        <source>In the &amp;journal only ({0})</source>
        <translation>Solo en el &amp;diario ({0})</translation>
    </message>
    <message>
        <source>In the journal, not in the file</source>
        <translation>En el diario, no en el archivo</translation>
    </message>
    <message>
        <source>V&amp;oided ({0})</source>
        <translation>A&amp;nulados ({0})</translation>
    </message>
    <message>
        <source>Voided (rightly not in the file)</source>
        <translation>Anulados (con razón no están en el archivo)</translation>
    </message>
    <message>
        <source>Business day {0}: {1} matched, {2} in the file only, {3} in the journal only, {4} voided.</source>
        <translation>Día hábil {0}: {1} coincidentes, {2} solo en el archivo, {3} solo en el diario, {4} anulados.</translation>
    </message>
    <message>
        <source>Total in the file {0}, in the journal {1}, difference {2}.</source>
        <translation>Total en el archivo {0}, en el diario {1}, diferencia {2}.</translation>
    </message>
    <message>
        <source>{0} discrepancies: check them on the gateway&apos;s portal.</source>
        <translation>{0} diferencias: revíselas en el portal de la pasarela.</translation>
    </message>
    <message>
        <source>No discrepancies: the file and the journal agree.</source>
        <translation>Sin diferencias: el archivo y el diario coinciden.</translation>
    </message>
    <message>
        <source>{0} payments whose result was unknown were settled from the file (recorded in the audit log).</source>
        <translation>{0} pagos de resultado desconocido se resolvieron con el archivo (queda registrado en la auditoría).</translation>
    </message>
    <message>
        <source>None.</source>
        <translation>Ninguno.</translation>
    </message>
    <message>
        <source>End-of-day 835 reconciliation</source>
        <translation>Conciliación 835 de cierre del día</translation>
    </message>
    <message>
        <source>End-of-day 835: {0}</source>
        <translation>Cierre del día 835: {0}</translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation>&amp;Exportar CSV…</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Imprimir…</translation>
    </message>
    <message>
        <source>Export the reconciliation to CSV</source>
        <translation>Exportar la conciliación a CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>ErrorPresenter</name>
    <message>
        <source>Front Desk Pay</source>
        <translation>Front Desk Pay</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Something went wrong inside Front Desk Pay. The details are in the log for IT.</source>
        <translation>Algo falló dentro de Front Desk Pay. Los detalles están en el registro para TI.</translation>
    </message>
    <message>
        <source>Could not write {0} ({1}). If it is open in another program, close it and try again.</source>
        <translation>No se pudo escribir {0} ({1}). Si está abierto en otro programa, ciérrelo y vuelva a intentarlo.</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Paciente</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Tender</source>
        <translation>Forma de pago</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Aprobado</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>Gateway update</source>
        <translation>Aviso pasarela</translation>
    </message>
    <message>
        <source>{0} on {1}, ref {2}</source>
        <translation>{0} en {1}, ref. {2}</translation>
    </message>
    <message>
        <source>Auth</source>
        <translation>Aut.</translation>
    </message>
</context>
<context>
    <name>HistoryPage</name>
    <message>
        <source>Void the {0} payment of {1} ({2})? The patient is not charged.</source>
        <translation>¿Anular el pago ({0}) de {1} ({2})? No se cobrará al paciente.</translation>
    </message>
    <message>
        <source>Void payment</source>
        <translation>Anular pago</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>Anular</translation>
    </message>
    <message>
        <source>Voiding…</source>
        <translation>Anulando…</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Reembolso</translation>
    </message>
    <message>
        <source>Amount to refund to {0}:</source>
        <translation>Importe a reembolsar a {0}:</translation>
    </message>
    <message>
        <source>Refund {0} of the {1} payment?</source>
        <translation>¿Reembolsar {0} del pago de {1}?</translation>
    </message>
    <message>
        <source>Refunding…</source>
        <translation>Reembolsando…</translation>
    </message>
    <message>
        <source>Recording…</source>
        <translation>Registrando…</translation>
    </message>
    <message>
        <source>The result is not known yet: it may have gone through. Do not repeat it; History shows the result as soon as the gateway answers.</source>
        <translation>El resultado aún no se conoce: puede haberse realizado. No lo repita; el Historial muestra el resultado en cuanto responda la pasarela.</translation>
    </message>
    <message>
        <source>Declined: {0}</source>
        <translation>Rechazado: {0}</translation>
    </message>
    <message>
        <source>Not processed: {0}</source>
        <translation>No procesado: {0}</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>sin motivo indicado</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <source>Search patient, last four, amount, auth code…</source>
        <translation>Buscar paciente, últimos cuatro, importe, código de autorización…</translation>
    </message>
    <message>
        <source>Only on</source>
        <translation>Solo el</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Cualquier estado</translation>
    </message>
    <message>
        <source>&amp;Void…</source>
        <translation>&amp;Anular…</translation>
    </message>
    <message>
        <source>&amp;Refund…</source>
        <translation>&amp;Reembolsar…</translation>
    </message>
    <message>
        <source>Payment p&amp;lan…</source>
        <translation>Plan de &amp;pagos…</translation>
    </message>
    <message>
        <source>Check c&amp;overage…</source>
        <translation>Verificar c&amp;obertura…</translation>
    </message>
    <message>
        <source>by {0} on {1}</source>
        <translation>por {0} en {1}</translation>
    </message>
    <message>
        <source>End of day {0}: Net {1}</source>
        <translation>Cierre del día {0}: Neto {1}</translation>
    </message>
    <message>
        <source>Tender</source>
        <translation>Forma de pago</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Cantidad</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Save the receipt</source>
        <translation>Guardar el recibo</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Archivos PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Export to CSV</source>
        <translation>Exportar a CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Imprimir…</translation>
    </message>
    <message>
        <source>Reprint (PDF)…</source>
        <translation>Reimprimir (PDF)…</translation>
    </message>
    <message>
        <source>&amp;Export the rows shown (CSV)…</source>
        <translation>&amp;Exportar lo mostrado (CSV)…</translation>
    </message>
    <message>
        <source>&amp;Settle from portal…</source>
        <translation>&amp;Cerrar desde el portal…</translation>
    </message>
    <message>
        <source>Select a payment to see it, reprint, void or refund it.</source>
        <translation>Seleccione un pago para verlo, reimprimirlo, anularlo o reembolsarlo.</translation>
    </message>
    <message>
        <source>No payment matches the search.</source>
        <translation>Ningún pago coincide con la búsqueda.</translation>
    </message>
    <message>
        <source>{0} {1} · {2} · {3} · auth {4} · txn {5} · ref {6}</source>
        <translation>{0} {1} · {2} · {3} · aut. {4} · trans. {5} · ref. {6}</translation>
    </message>
    <message>
        <source>reverses txn {0}</source>
        <translation>revierte trans. {0}</translation>
    </message>
    <message>
        <source>no payments</source>
        <translation>sin pagos</translation>
    </message>
    <message>
        <source>Exported {0} payments to {1}</source>
        <translation>Se exportaron {0} pagos a {1}</translation>
    </message>
</context>
<context>
    <name>HistoryWords</name>
    <message>
        <source>pending</source>
        <translation>pendiente</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>enviado</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>aprobado</translation>
    </message>
    <message>
        <source>partially approved</source>
        <translation>aprobado en parte</translation>
    </message>
    <message>
        <source>declined</source>
        <translation>rechazado</translation>
    </message>
    <message>
        <source>not processed</source>
        <translation>no procesado</translation>
    </message>
    <message>
        <source>unknown, being checked</source>
        <translation>desconocido, en comprobación</translation>
    </message>
    <message>
        <source>voided</source>
        <translation>anulado</translation>
    </message>
    <message>
        <source>refunded</source>
        <translation>reembolsado</translation>
    </message>
    <message>
        <source>partly refunded</source>
        <translation>reembolso parcial</translation>
    </message>
    <message>
        <source>sale</source>
        <translation>venta</translation>
    </message>
    <message>
        <source>authorization</source>
        <translation>autorización</translation>
    </message>
    <message>
        <source>capture</source>
        <translation>captura</translation>
    </message>
    <message>
        <source>refund</source>
        <translation>reembolso</translation>
    </message>
    <message>
        <source>refund by ID</source>
        <translation>reembolso por ID</translation>
    </message>
    <message>
        <source>void</source>
        <translation>anulación</translation>
    </message>
    <message>
        <source>card saved</source>
        <translation>tarjeta guardada</translation>
    </message>
    <message>
        <source>saved card sale</source>
        <translation>venta con tarjeta guardada</translation>
    </message>
    <message>
        <source>check sale</source>
        <translation>venta con cheque</translation>
    </message>
    <message>
        <source>hosted page</source>
        <translation>página alojada</translation>
    </message>
    <message>
        <source>card</source>
        <translation>tarjeta</translation>
    </message>
    <message>
        <source>check</source>
        <translation>cheque</translation>
    </message>
    <message>
        <source>The payment page expired before the payment was finished: nothing was charged.</source>
        <translation>La página de pago caducó antes de terminar el pago: no se cobró nada.</translation>
    </message>
    <message>
        <source>This payment never reached the gateway: nothing was charged.</source>
        <translation>Este pago nunca llegó a la pasarela: no se cobró nada.</translation>
    </message>
    <message>
        <source>The payment page was never shown: nothing was charged.</source>
        <translation>La página de pago nunca se mostró: no se cobró nada.</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>Rechazado</translation>
    </message>
    <message>
        <source>Do not honor</source>
        <translation>El banco emisor no lo autoriza</translation>
    </message>
    <message>
        <source>Invalid card number</source>
        <translation>Número de tarjeta no válido</translation>
    </message>
    <message>
        <source>Insufficient funds</source>
        <translation>Fondos insuficientes</translation>
    </message>
    <message>
        <source>Expired card</source>
        <translation>Tarjeta vencida</translation>
    </message>
    <message>
        <source>Security code does not match</source>
        <translation>El código de seguridad no coincide</translation>
    </message>
    <message>
        <source>Check declined: insufficient funds (R01)</source>
        <translation>Cheque rechazado: fondos insuficientes (R01)</translation>
    </message>
    <message>
        <source>Partially approved: {0}</source>
        <translation>Aprobado en parte: {0}</translation>
    </message>
</context>
<context>
    <name>HostedCheckout</name>
    <message>
        <source>The gateway refused the hosted payment page&apos;s login (SSO account ID, alias or security key): nothing was charged. Ask IT to check the SSO settings.</source>
        <translation>La pasarela rechazó el inicio de sesión de la página de pago alojada (ID de cuenta SSO, alias o clave de seguridad): no se cobró nada. Pida a TI que revise la configuración SSO.</translation>
    </message>
    <message>
        <source>The gateway said: {0}</source>
        <translation>La pasarela dijo: {0}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>The payment journal is on a network drive: call IT before taking payments.</source>
        <translation>El registro de pagos está en una unidad de red: llame a informática antes de cobrar.</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>listo</translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation>desconectado</translation>
    </message>
    <message>
        <source>waiting for card</source>
        <translation>esperando tarjeta</translation>
    </message>
    <message>
        <source>reading card</source>
        <translation>leyendo tarjeta</translation>
    </message>
    <message>
        <source>PIN entry</source>
        <translation>introduciendo PIN</translation>
    </message>
    <message>
        <source>bad read</source>
        <translation>lectura fallida</translation>
    </message>
    <message>
        <source>card removed</source>
        <translation>tarjeta retirada</translation>
    </message>
    <message>
        <source>error</source>
        <translation>error</translation>
    </message>
    <message>
        <source>PIN pad</source>
        <translation>Teclado PIN</translation>
    </message>
    <message>
        <source>Card reader</source>
        <translation>Lector de tarjetas</translation>
    </message>
    <message>
        <source>Check scanner</source>
        <translation>Escáner de cheques</translation>
    </message>
    <message>
        <source>Open Settings (Ctrl+4) to put it right, then restart Front Desk Pay.</source>
        <translation>Abra Configuración (Ctrl+4) para corregirlo y luego reinicie Front Desk Pay.</translation>
    </message>
    <message>
        <source>Not connected: payments cannot be taken</source>
        <translation>Sin conexión: no se pueden cobrar pagos</translation>
    </message>
    <message>
        <source>Front Desk Pay {0}</source>
        <translation>Front Desk Pay {0}</translation>
    </message>
    <message>
        <source>Checkout  Ctrl+1</source>
        <translation>Cobro  Ctrl+1</translation>
    </message>
    <message>
        <source>History  Ctrl+2</source>
        <translation>Historial  Ctrl+2</translation>
    </message>
    <message>
        <source>Devices  Ctrl+3</source>
        <translation>Dispositivos  Ctrl+3</translation>
    </message>
    <message>
        <source>Settings  Ctrl+4</source>
        <translation>Configuración  Ctrl+4</translation>
    </message>
    <message>
        <source>sandbox</source>
        <translation>sandbox</translation>
    </message>
    <message>
        <source>staging</source>
        <translation>preproducción</translation>
    </message>
    <message>
        <source>production</source>
        <translation>producción</translation>
    </message>
    <message>
        <source>Environment: {0}  ·  Terminal {1}</source>
        <translation>Entorno: {0}  ·  Terminal {1}</translation>
    </message>
    <message>
        <source>PRODUCTION: real payments, real money</source>
        <translation>PRODUCCIÓN: pagos reales, dinero real</translation>
    </message>
    <message>
        <source>{0}: TEST PAYMENTS ONLY, no real money moves</source>
        <translation>{0}: SOLO PAGOS DE PRUEBA, no se mueve dinero real</translation>
    </message>
    <message>
        <source>Devices: connecting…</source>
        <translation>Dispositivos: conectando…</translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <source>No devices connected</source>
        <translation>No hay dispositivos conectados</translation>
    </message>
    <message>
        <source>A payment is under way in Checkout. Finish it, then take this patient&apos;s.</source>
        <translation>Hay un pago en curso en Cobro. Termínelo y después cobre a este paciente.</translation>
    </message>
    <message>
        <source>A payment is being processed. Wait for its result, then close Front Desk Pay.</source>
        <translation>Se está procesando un pago. Espere su resultado y después cierre Front Desk Pay.</translation>
    </message>
</context>
<context>
    <name>MicrConfirm</name>
    <message>
        <source>Check read: compare with the paper check, then send</source>
        <translation>Cheque leído: compárelo con el cheque en papel y envíelo</translation>
    </message>
    <message>
        <source>Routing number</source>
        <translation>Número de ruta</translation>
    </message>
    <message>
        <source>Account (last four)</source>
        <translation>Cuenta (últimos cuatro)</translation>
    </message>
    <message>
        <source>Check number</source>
        <translation>Número de cheque</translation>
    </message>
    <message>
        <source>&amp;Send the check (Enter)</source>
        <translation>&amp;Enviar el cheque (Intro)</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>Cancelar (Esc)</translation>
    </message>
</context>
<context>
    <name>Operation</name>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>PhoneCheck</name>
    <message>
        <source>Personal checking</source>
        <translation>Cuenta corriente personal</translation>
    </message>
    <message>
        <source>Personal savings</source>
        <translation>Cuenta de ahorros personal</translation>
    </message>
    <message>
        <source>Business checking</source>
        <translation>Cuenta corriente de empresa</translation>
    </message>
    <message>
        <source>Business savings</source>
        <translation>Cuenta de ahorros de empresa</translation>
    </message>
    <message>
        <source>checking account</source>
        <translation>cuenta corriente</translation>
    </message>
    <message>
        <source>savings account</source>
        <translation>cuenta de ahorros</translation>
    </message>
    <message>
        <source>Today, {0}, you authorize {1} to make one electronic debit of {2} from your {3} ending in {4}. It is a single payment and may be processed as soon as today. Do you agree?</source>
        <translation>Hoy, {0}, usted autoriza a {1} a realizar un único cargo electrónico de {2} en su {3} terminada en {4}. Es un pago único y puede procesarse hoy mismo. ¿Está de acuerdo?</translation>
    </message>
    <message>
        <source>this clinic</source>
        <translation>esta clínica</translation>
    </message>
    <message>
        <source>Questions: call {0}.</source>
        <translation>Si tiene preguntas, llame al {0}.</translation>
    </message>
    <message>
        <source>I read this to the patient and they &amp;agreed</source>
        <translation>Se lo leí al paciente y &amp;dio su conformidad</translation>
    </message>
</context>
<context>
    <name>PlanDialog</name>
    <message>
        <source>Payment plan</source>
        <translation>Plan de pagos</translation>
    </message>
    <message>
        <source>Patient {0}</source>
        <translation>Paciente {0}</translation>
    </message>
    <message>
        <source>&amp;Balance</source>
        <translation>&amp;Saldo</translation>
    </message>
    <message>
        <source>&amp;Number of payments</source>
        <translation>&amp;Número de pagos</translation>
    </message>
    <message>
        <source>&amp;Every</source>
        <translation>C&amp;ada</translation>
    </message>
    <message>
        <source>&amp;First payment on</source>
        <translation>&amp;Primer pago el</translation>
    </message>
    <message>
        <source>&amp;Card on file</source>
        <translation>&amp;Tarjeta guardada</translation>
    </message>
    <message>
        <source>month</source>
        <translation>mes</translation>
    </message>
    <message>
        <source>two weeks</source>
        <translation>dos semanas</translation>
    </message>
    <message>
        <source>week</source>
        <translation>semana</translation>
    </message>
    <message>
        <source>Set &amp;up plan</source>
        <translation>C&amp;rear el plan</translation>
    </message>
    <message>
        <source>This patient has no card saved on file. Save a card first (checkout: save card on file).</source>
        <translation>Este paciente no tiene ninguna tarjeta guardada. Guarde primero una tarjeta (cobro: guardar tarjeta).</translation>
    </message>
    <message>
        <source>Enter the balance the plan pays off.</source>
        <translation>Escriba el saldo que paga el plan.</translation>
    </message>
    <message>
        <source>set up</source>
        <translation>creado</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>rechazado</translation>
    </message>
    <message>
        <source>not confirmed: check the gateway&apos;s portal</source>
        <translation>sin confirmar: revise el portal de la pasarela</translation>
    </message>
    <message>
        <source>{0}: {1} in {2} payments, {3}</source>
        <translation>{0}: {1} en {2} pagos, {3}</translation>
    </message>
    <message>
        <source>gateway: {0} {1} on {2}</source>
        <translation>pasarela: {0} {1} el {2}</translation>
    </message>
    <message>
        <source>No payment plan for this patient yet.</source>
        <translation>Este paciente aún no tiene plan de pagos.</translation>
    </message>
    <message>
        <source>Choose a card saved on file.</source>
        <translation>Elija una tarjeta guardada.</translation>
    </message>
    <message>
        <source>{0} payments of {1}, from {2} to {3}.</source>
        <translation>{0} pagos de {1}, del {2} al {3}.</translation>
    </message>
    <message>
        <source>{0} payments of {1} and a last one of {2} (it carries the extra cents), from {3} to {4}.</source>
        <translation>{0} pagos de {1} y un último de {2} (lleva los centavos que sobran), del {3} al {4}.</translation>
    </message>
    <message>
        <source>Setting up the plan with the gateway…</source>
        <translation>Creando el plan con la pasarela…</translation>
    </message>
    <message>
        <source>Plan set up (gateway plan {0}). First payment on {1}.</source>
        <translation>Plan creado (plan {0} de la pasarela). Primer pago el {1}.</translation>
    </message>
    <message>
        <source>The gateway refused the plan; nothing was set up: {0}</source>
        <translation>La pasarela rechazó el plan; no se creó nada: {0}</translation>
    </message>
    <message>
        <source>The gateway&apos;s answer did not arrive: the plan may be set up. Check the gateway&apos;s portal before setting it up again.</source>
        <translation>No llegó la respuesta de la pasarela: puede que el plan esté creado. Revise el portal de la pasarela antes de crearlo de nuevo.</translation>
    </message>
</context>
<context>
    <name>ProgressPanel</name>
    <message>
        <source>Cancel (Esc)</source>
        <translation>Cancelar (Esc)</translation>
    </message>
    <message>
        <source>Patient / account {0}</source>
        <translation>Paciente / cuenta {0}</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelando…</translation>
    </message>
</context>
<context>
    <name>Receipt</name>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Patient / account</source>
        <translation>Paciente / cuenta</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Aprobado</translation>
    </message>
    <message>
        <source>Balance due</source>
        <translation>Saldo pendiente</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Tarjeta</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Cheque</translation>
    </message>
    <message>
        <source>Tender</source>
        <translation>Forma de pago</translation>
    </message>
    <message>
        <source>Entry mode</source>
        <translation>Modo de entrada</translation>
    </message>
    <message>
        <source>Auth code</source>
        <translation>Código de autorización</translation>
    </message>
    <message>
        <source>Transaction ID</source>
        <translation>ID de transacción</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referencia</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>Aplicación</translation>
    </message>
    <message>
        <source>AID</source>
        <translation>AID</translation>
    </message>
    <message>
        <source>TVR</source>
        <translation>TVR</translation>
    </message>
    <message>
        <source>TSI</source>
        <translation>TSI</translation>
    </message>
    <message>
        <source>CVM results</source>
        <translation>Resultados CVM</translation>
    </message>
    <message>
        <source>Check payment</source>
        <translation>Pago con cheque</translation>
    </message>
    <message>
        <source>Card payment</source>
        <translation>Pago con tarjeta</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Pago</translation>
    </message>
    <message>
        <source>TEST — NOT A REAL PAYMENT</source>
        <translation>PRUEBA — NO ES UN PAGO REAL</translation>
    </message>
    <message>
        <source>I agree to pay the above amount according to the card issuer agreement.</source>
        <translation>Acepto pagar el importe indicado según el contrato del emisor de la tarjeta.</translation>
    </message>
    <message>
        <source>Customer copy</source>
        <translation>Copia del cliente</translation>
    </message>
</context>
<context>
    <name>ResultPanel</name>
    <message>
        <source>Try again</source>
        <translation>Intentar de nuevo</translation>
    </message>
    <message>
        <source>Receipt (PDF)…</source>
        <translation>Recibo (PDF)…</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Imprimir…</translation>
    </message>
    <message>
        <source>New payment</source>
        <translation>Nuevo pago</translation>
    </message>
    <message>
        <source>Take the &amp;balance with another tender</source>
        <translation>Cobrar el &amp;saldo con otra forma de pago</translation>
    </message>
    <message>
        <source>&amp;Void the approved part</source>
        <translation>&amp;Anular la parte aprobada</translation>
    </message>
    <message>
        <source>Payment p&amp;lan for the balance…</source>
        <translation>Plan de pa&amp;gos para el saldo…</translation>
    </message>
    <message>
        <source>Approved part voided: nothing was charged</source>
        <translation>Parte aprobada anulada: no se cobró nada</translation>
    </message>
    <message>
        <source>The card&apos;s {0} was released. Take the whole amount again with one tender, or start a new payment.</source>
        <translation>Se liberaron los {0} de la tarjeta. Cobre el importe completo con una sola forma de pago o empiece un pago nuevo.</translation>
    </message>
    <message>
        <source>{0} of {1}</source>
        <translation>{0} de {1}</translation>
    </message>
    <message>
        <source>Patient / account {0}</source>
        <translation>Paciente / cuenta {0}</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Aprobado</translation>
    </message>
    <message>
        <source>Auth code {0}</source>
        <translation>Código de autorización {0}</translation>
    </message>
    <message>
        <source>Partially approved</source>
        <translation>Aprobado en parte</translation>
    </message>
    <message>
        <source>Balance of payment {0}: {1} still to pay. The card paid {2} (auth code {3}). Take the balance with another tender, or void the approved part.</source>
        <translation>Saldo del pago {0}: quedan {1} por pagar. La tarjeta pagó {2} (código de autorización {3}). Cobre el saldo con otra forma de pago o anule la parte aprobada.</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>Rechazado</translation>
    </message>
    <message>
        <source>Reason: {0}. Ask for another card or tender.</source>
        <translation>Motivo: {0}. Pida otra tarjeta u otra forma de pago.</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>sin motivo indicado</translation>
    </message>
    <message>
        <source>Result not known yet: do NOT charge again</source>
        <translation>Resultado aún desconocido: NO cobre de nuevo</translation>
    </message>
    <message>
        <source>The gateway did not answer in time. The app is checking this payment with the gateway and will show the result here and in History. Reference {0}.</source>
        <translation>La pasarela no respondió a tiempo. La aplicación está verificando este pago con la pasarela y mostrará el resultado aquí y en el Historial. Referencia {0}.</translation>
    </message>
    <message>
        <source>Not paid: nothing was charged</source>
        <translation>No pagado: no se cobró nada</translation>
    </message>
    <message>
        <source>The patient did not pay on the hosted page.</source>
        <translation>El paciente no pagó en la página alojada.</translation>
    </message>
    <message>
        <source>Not processed</source>
        <translation>No procesado</translation>
    </message>
</context>
<context>
    <name>SandboxHelp</name>
    <message>
        <source>Visa: approved</source>
        <translation>Visa: aprobada</translation>
    </message>
    <message>
        <source>Mastercard: approved</source>
        <translation>Mastercard: aprobada</translation>
    </message>
    <message>
        <source>declined</source>
        <translation>rechazada</translation>
    </message>
    <message>
        <source>declined: insufficient funds</source>
        <translation>rechazada: fondos insuficientes</translation>
    </message>
    <message>
        <source>partially approved: half, the balance is then approved</source>
        <translation>aprobado en parte: la mitad; el saldo se aprueba después</translation>
    </message>
    <message>
        <source>declined: do not honor</source>
        <translation>rechazado: no autorizar</translation>
    </message>
    <message>
        <source>gateway error: nothing is charged</source>
        <translation>error de la pasarela: no se cobra nada</translation>
    </message>
    <message>
        <source>ends in .{0}, e.g. {1}</source>
        <translation>termina en .{0}, p. ej. {1}</translation>
    </message>
    <message>
        <source>Sandbox: test cards and amounts (no real money moves)</source>
        <translation>Sandbox: tarjetas e importes de prueba (no se mueve dinero real)</translation>
    </message>
    <message>
        <source>Any future expiry. Security code {0}: does not match. A check account ending {1}: returned. Other amounts are approved in full.</source>
        <translation>Cualquier vencimiento futuro. Código de seguridad {0}: no coincide. Una cuenta de cheque terminada en {1}: devuelto. Los demás importes se aprueban completos.</translation>
    </message>
    <message>
        <source>&amp;Got it, hide</source>
        <translation>Entendido, &amp;ocultar</translation>
    </message>
</context>
<context>
    <name>SaveDialog</name>
    <message>
        <source>Saved: {0}</source>
        <translation>Guardado: {0}</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Guardado</translation>
    </message>
    <message>
        <source>&amp;Open it</source>
        <translation>&amp;Abrirlo</translation>
    </message>
</context>
<context>
    <name>SavedCardSteps</name>
    <message>
        <source>This card cannot be saved on file (no card number).</source>
        <translation>Esta tarjeta no se puede guardar (sin número de tarjeta).</translation>
    </message>
    <message>
        <source>The card was not saved on file: {0}</source>
        <translation>La tarjeta no se guardó: {0}</translation>
    </message>
    <message>
        <source>Card saved on file: {0}</source>
        <translation>Tarjeta guardada: {0}</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Sandbox (test payments)</source>
        <translation>Sandbox (pagos de prueba)</translation>
    </message>
    <message>
        <source>Staging (test payments)</source>
        <translation>Preproducción (pagos de prueba)</translation>
    </message>
    <message>
        <source>Production (real money)</source>
        <translation>Producción (dinero real)</translation>
    </message>
    <message>
        <source>80 mm receipt roll</source>
        <translation>Rollo de recibos de 80 mm</translation>
    </message>
    <message>
        <source>A4 sheet</source>
        <translation>Hoja A4</translation>
    </message>
    <message>
        <source>Letter sheet</source>
        <translation>Hoja carta</translation>
    </message>
    <message>
        <source>Gateway pass&amp;word</source>
        <translation>Contrase&amp;ña de la pasarela</translation>
    </message>
    <message>
        <source>Hosted page SSO security key</source>
        <translation>Clave de seguridad SSO de la página alojada</translation>
    </message>
    <message>
        <source>REST API secret</source>
        <translation>Secreto de la API REST</translation>
    </message>
    <message>
        <source>New IT pass&amp;code (blank: keep)</source>
        <translation>&amp;Nuevo código de TI (vacío: se mantiene)</translation>
    </message>
    <message>
        <source>Receipt &amp;header</source>
        <translation>Encabezado del &amp;recibo</translation>
    </message>
    <message>
        <source>receipt header</source>
        <translation>encabezado del recibo</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>language</source>
        <translation>idioma</translation>
    </message>
    <message>
        <source>Clinic &amp;name</source>
        <translation>Nombre de la c&amp;línica</translation>
    </message>
    <message>
        <source>clinic name</source>
        <translation>nombre de la clínica</translation>
    </message>
    <message>
        <source>Clinic &amp;address</source>
        <translation>Dirección de la clínic&amp;a</translation>
    </message>
    <message>
        <source>clinic address</source>
        <translation>dirección de la clínica</translation>
    </message>
    <message>
        <source>Clinic phone num&amp;ber</source>
        <translation>Teléf&amp;ono de la clínica</translation>
    </message>
    <message>
        <source>clinic phone</source>
        <translation>teléfono de la clínica</translation>
    </message>
    <message>
        <source>Receipt paper si&amp;ze</source>
        <translation>Ta&amp;maño del papel del recibo</translation>
    </message>
    <message>
        <source>receipt paper</source>
        <translation>papel del recibo</translation>
    </message>
    <message>
        <source>Receipt pr&amp;inter</source>
        <translation>Impre&amp;sora de recibos</translation>
    </message>
    <message>
        <source>receipt printer</source>
        <translation>impresora de recibos</translation>
    </message>
    <message>
        <source>&amp;Environment</source>
        <translation>&amp;Entorno</translation>
    </message>
    <message>
        <source>environment</source>
        <translation>entorno</translation>
    </message>
    <message>
        <source>&amp;Protocol</source>
        <translation>&amp;Protocolo</translation>
    </message>
    <message>
        <source>protocol</source>
        <translation>protocolo</translation>
    </message>
    <message>
        <source>Acc&amp;ount ID</source>
        <translation>ID de c&amp;uenta</translation>
    </message>
    <message>
        <source>account ID</source>
        <translation>ID de cuenta</translation>
    </message>
    <message>
        <source>&amp;Merchant ID</source>
        <translation>ID de &amp;comercio</translation>
    </message>
    <message>
        <source>merchant ID</source>
        <translation>ID de comercio</translation>
    </message>
    <message>
        <source>Sto&amp;re ID</source>
        <translation>ID de tien&amp;da</translation>
    </message>
    <message>
        <source>store ID</source>
        <translation>ID de tienda</translation>
    </message>
    <message>
        <source>&amp;Terminal ID</source>
        <translation>ID de &amp;terminal</translation>
    </message>
    <message>
        <source>terminal ID</source>
        <translation>ID de terminal</translation>
    </message>
    <message>
        <source>Several desks share this terminal I&amp;D</source>
        <translation>&amp;Varias recepciones comparten este ID de terminal</translation>
    </message>
    <message>
        <source>terminal sharing</source>
        <translation>terminal compartido</translation>
    </message>
    <message>
        <source>Send our re&amp;ference in</source>
        <translation>De&amp;jar nuestra referencia en el campo</translation>
    </message>
    <message>
        <source>reference field</source>
        <translation>campo de referencia</translation>
    </message>
    <message>
        <source>Allow unconfirmed &amp;gateway operations</source>
        <translation>Permitir operaciones de pasarela no con&amp;firmadas</translation>
    </message>
    <message>
        <source>unconfirmed gateway operations</source>
        <translation>operaciones de pasarela no confirmadas</translation>
    </message>
    <message>
        <source>Hosted page SSO account ID</source>
        <translation>ID de cuenta SSO de la página alojada</translation>
    </message>
    <message>
        <source>SSO account ID</source>
        <translation>ID de cuenta SSO</translation>
    </message>
    <message>
        <source>Hosted page SSO alias</source>
        <translation>Alias SSO de la página alojada</translation>
    </message>
    <message>
        <source>SSO alias</source>
        <translation>alias SSO</translation>
    </message>
    <message>
        <source>Hosted page payment ID (blank: from the SSO account)</source>
        <translation>ID de pago de la página alojada (vacío: de la cuenta SSO)</translation>
    </message>
    <message>
        <source>SSO payment ID</source>
        <translation>ID de pago SSO</translation>
    </message>
    <message>
        <source>SSOService path</source>
        <translation>Ruta de SSOService</translation>
    </message>
    <message>
        <source>REST API key</source>
        <translation>Clave de la API REST</translation>
    </message>
    <message>
        <source>Check the hosted page every</source>
        <translation>Consultar la página alojada cada</translation>
    </message>
    <message>
        <source>hosted page check interval</source>
        <translation>intervalo de consulta de la página alojada</translation>
    </message>
    <message>
        <source>s</source>
        <translation>s</translation>
    </message>
    <message>
        <source>Hosted page time limit</source>
        <translation>Tiempo límite de la página alojada</translation>
    </message>
    <message>
        <source>hosted page time limit</source>
        <translation>tiempo límite de la página alojada</translation>
    </message>
    <message>
        <source>min</source>
        <translation>min</translation>
    </message>
    <message>
        <source>Gateway read timeout</source>
        <translation>Tiempo de espera de la pasarela</translation>
    </message>
    <message>
        <source>gateway read timeout</source>
        <translation>tiempo de espera de la pasarela</translation>
    </message>
    <message>
        <source>Journal database (blank: on this PC)</source>
        <translation>Base de datos del registro (vacío: en este equipo)</translation>
    </message>
    <message>
        <source>journal database</source>
        <translation>base de datos del registro</translation>
    </message>
    <message>
        <source>Webhook store database (blank: on this PC)</source>
        <translation>Base de datos de webhooks (vacío: en este equipo)</translation>
    </message>
    <message>
        <source>webhook store database</source>
        <translation>base de datos de webhooks</translation>
    </message>
    <message>
        <source>Eligibility: gateway works out what the patient owes</source>
        <translation>Elegibilidad: la pasarela calcula lo que debe el paciente</translation>
    </message>
    <message>
        <source>eligibility with what the patient owes</source>
        <translation>elegibilidad con lo que debe el paciente</translation>
    </message>
    <message>
        <source>Device bridge host (blank: this session&apos;s thin client)</source>
        <translation>Equipo del puente de dispositivos (vacío: el cliente ligero de esta sesión)</translation>
    </message>
    <message>
        <source>device bridge host</source>
        <translation>equipo del puente de dispositivos</translation>
    </message>
    <message>
        <source>Device bridge port</source>
        <translation>Puerto del puente de dispositivos</translation>
    </message>
    <message>
        <source>device bridge port</source>
        <translation>puerto del puente de dispositivos</translation>
    </message>
    <message>
        <source>Refuse card readers that do not encrypt, via the bridge</source>
        <translation>Rechazar lectores de tarjetas que no cifran, a través del puente</translation>
    </message>
    <message>
        <source>refuse non-encrypting readers via the bridge</source>
        <translation>rechazar lectores que no cifran a través del puente</translation>
    </message>
    <message>
        <source>Use the check reader on the thin client, via the bridge</source>
        <translation>Usar el escáner de cheques del cliente ligero, a través del puente</translation>
    </message>
    <message>
        <source>check reader via the bridge</source>
        <translation>escáner de cheques a través del puente</translation>
    </message>
    <message>
        <source>Provider NPI (eligibility checks)</source>
        <translation>NPI del proveedor (consultas de elegibilidad)</translation>
    </message>
    <message>
        <source>provider NPI</source>
        <translation>NPI del proveedor</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>blank: the computer&apos;s default printer</source>
        <translation>vacío: la impresora predeterminada del equipo</translation>
    </message>
    <message>
        <source>Front desk</source>
        <translation>Recepción</translation>
    </message>
    <message>
        <source>For IT</source>
        <translation>Para TI</translation>
    </message>
    <message>
        <source>IT passcode</source>
        <translation>Código de TI</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>Des&amp;bloquear</translation>
    </message>
    <message>
        <source>&amp;Save settings</source>
        <translation>&amp;Guardar configuración</translation>
    </message>
    <message>
        <source>A password is stored in the system keyring (type to replace it)</source>
        <translation>Hay una contraseña guardada en el llavero del sistema (escriba para sustituirla)</translation>
    </message>
    <message>
        <source>No password stored yet: type it (kept in the system keyring, never in a file)</source>
        <translation>Aún no hay contraseña guardada: escríbala (se guarda en el llavero del sistema, nunca en un archivo)</translation>
    </message>
    <message>
        <source>A security key is stored in the system keyring (type to replace it)</source>
        <translation>Hay una clave de seguridad guardada en el llavero del sistema (escriba para sustituirla)</translation>
    </message>
    <message>
        <source>No security key stored yet: type it (kept in the system keyring, never in a file)</source>
        <translation>Aún no hay clave de seguridad guardada: escríbala (se guarda en el llavero del sistema, nunca en un archivo)</translation>
    </message>
    <message>
        <source>A REST API secret is stored in the system keyring (type to replace it)</source>
        <translation>Hay un secreto de la API REST guardado en el llavero del sistema (escriba para reemplazarlo)</translation>
    </message>
    <message>
        <source>No REST API secret stored yet: type it (kept in the system keyring, never in a file)</source>
        <translation>Aún no hay secreto de la API REST guardado: escríbalo (se guarda en el llavero del sistema, nunca en un archivo)</translation>
    </message>
    <message>
        <source>That is not the IT passcode.</source>
        <translation>Ese no es el código de TI.</translation>
    </message>
    <message>
        <source>Saved. Restart Front Desk Pay to use the new: {0}.</source>
        <translation>Guardado. Reinicie Front Desk Pay para usar: {0}.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Guardado.</translation>
    </message>
    <message>
        <source>Saved. Restart Front Desk Pay to use them.</source>
        <translation>Guardado. Reinicie Front Desk Pay para usarlos.</translation>
    </message>
</context>
<context>
    <name>SettleDialog</name>
    <message>
        <source>Settle from the gateway&apos;s portal</source>
        <translation>Cerrar desde el portal de la pasarela</translation>
    </message>
    <message>
        <source>The gateway has not said what became of the {0} payment of {1} started {2} UTC (reference {3}). It may have been charged: do not charge it again. The gateway&apos;s webhook or its end-of-day file settles it on its own; if the patient cannot wait, look the payment up on the gateway&apos;s portal (or call the gateway) and record what it shows.</source>
        <translation>La pasarela no ha dicho qué pasó con el pago de {0} de {1} iniciado a las {2} UTC (referencia {3}). Puede que se haya cobrado: no lo cobre de nuevo. El webhook de la pasarela o su archivo de cierre del día lo cierran por sí solos; si el paciente no puede esperar, busque el pago en el portal de la pasarela (o llame a la pasarela) y registre lo que muestra.</translation>
    </message>
    <message>
        <source>&amp;Charged (the portal shows it)</source>
        <translation>&amp;Cobrado (el portal lo muestra)</translation>
    </message>
    <message>
        <source>&amp;Not charged (the portal has no such payment)</source>
        <translation>&amp;No cobrado (el portal no tiene ese pago)</translation>
    </message>
    <message>
        <source>&amp;Transaction ID:</source>
        <translation>ID de &amp;transacción:</translation>
    </message>
    <message>
        <source>&amp;Amount charged:</source>
        <translation>I&amp;mporte cobrado:</translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation>&amp;Registrar</translation>
    </message>
    <message>
        <source>Enter the amount as the portal shows it, e.g. 42.00.</source>
        <translation>Escriba el importe como lo muestra el portal, p. ej. 42.00.</translation>
    </message>
</context>
<context>
    <name>SsoPanel</name>
    <message>
        <source>Close page (Esc)</source>
        <translation>Cerrar página (Esc)</translation>
    </message>
    <message>
        <source>The page&apos;s time is up. Asking the gateway whether anything was paid on it…</source>
        <translation>Se acabó el tiempo de la página. Preguntando a la pasarela si se pagó algo en ella…</translation>
    </message>
    <message>
        <source>The patient pays {0} on this page. It closes in {1} (at {2}).</source>
        <translation>El paciente paga {0} en esta página. Cierra en {1} (a las {2}).</translation>
    </message>
    <message>
        <source>Payment sent. Checking it with the gateway…</source>
        <translation>Pago enviado. Comprobándolo con la pasarela…</translation>
    </message>
</context>
</TS>
