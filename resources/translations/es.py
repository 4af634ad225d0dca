"""Spanish texts for the Qt app, and the build: lupdate → fill from ES → lrelease.

Run ``.venv/bin/python resources/translations/es.py`` after changing UI texts; it rewrites
``frontdeskpay_es.ts`` (for translators and Qt Linguist) and ``frontdeskpay_es.qm`` (loaded by
the app). A text missing here stays unfinished in the .ts and shows in English.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ES = {
    "Could not write {0} ({1}). If it is open in another program, close it and try again.":
        "No se pudo escribir {0} ({1}). Si está abierto en otro programa, ciérrelo y vuelva "
        "a intentarlo.",
    "Declined: {0}": "Rechazado: {0}",
    "Not processed: {0}": "No procesado: {0}",
    # receipts
    "Date": "Fecha",
    "Patient / account": "Paciente / cuenta",
    "Balance due": "Saldo pendiente",
    "Card": "Tarjeta",
    "Entry mode": "Modo de entrada",
    "Auth code": "Código de autorización",
    "Transaction ID": "ID de transacción",
    "Reference": "Referencia",
    "Application": "Aplicación",
    "AID": "AID",
    "TVR": "TVR",
    "TSI": "TSI",
    "CVM results": "Resultados CVM",
    "I agree to pay the above amount according to the card issuer agreement.":
        "Acepto pagar el importe indicado según el contrato del emisor de la tarjeta.",
    "Customer copy": "Copia del cliente",
    # messages from the core (desktop_app/ui/core_messages.py)
    "Expiry must look like MM/YY": "La caducidad debe tener la forma MM/AA",
    "Expiry month must be 01 to 12": "El mes de caducidad debe ser de 01 a 12",
    "Card number must be 13 to 19 digits": "El número de tarjeta debe tener de 13 a 19 dígitos",
    "Card number is not valid (check digit); please re-enter it":
        "El número de tarjeta no es válido (dígito de control); vuelva a escribirlo",
    "Security code must be 3 or 4 digits":
        "El código de seguridad debe tener 3 o 4 dígitos",
    "Routing number is not valid (check digit); please re-enter it":
        "El número de ruta no es válido (dígito de control); vuelva a escribirlo",
    "Account number must be 4 to 17 digits":
        "El número de cuenta debe tener de 4 a 17 dígitos",
    "Amount is not a number": "El importe no es un número",
    "This payment has already been voided.": "Este pago ya se anuló.",
    "No gateway password is stored for this account. Ask IT to enter it in Settings.":
        "No hay contraseña de la pasarela guardada para esta cuenta. Pida a TI que la "
        "introduzca en Configuración.",
    "No card reader is connected. Connect one (or see the Devices page), or key the card "
    "instead.":
        "No hay ningún lector de tarjetas conectado. Conecte uno (o vea la página "
        "Dispositivos), o escriba la tarjeta.",
    "A payment is already in progress on the device.":
        "Ya hay un pago en curso en el dispositivo.",
    "The payment was cancelled; nothing was charged.":
        "El pago se canceló; no se cobró nada.",
    "The payment was cancelled on the PIN pad.": "El pago se canceló en el teclado PIN.",
    "No card was swiped in time.": "No se pasó ninguna tarjeta a tiempo.",
    "The card could not be read after several swipes. Try another card or key it.":
        "No se pudo leer la tarjeta tras varios intentos. Pruebe otra tarjeta o escríbala.",
    "The card was removed before the PIN pad finished. Ask the patient to insert it again "
    "and leave it in until prompted.":
        "Se retiró la tarjeta antes de que el teclado PIN terminara. Pida al paciente que la "
        "inserte de nuevo y la deje hasta que se le indique.",
    "No check was fed into the scanner in time. Feed the check, then scan again.":
        "No se introdujo ningún cheque en el escáner a tiempo. Introdúzcalo y escanee de "
        "nuevo.",
    "The scanner could not read the check (it reported a jam or feed error). Clear it and "
    "scan again.":
        "El escáner no pudo leer el cheque (indicó un atasco o un error de alimentación). "
        "Despéjelo y escanee de nuevo.",
    "The last payment on this terminal is still being checked with the gateway. Take no new "
    "payment here until History shows its result.":
        "El último pago de este terminal aún se está comprobando con la pasarela. No cobre "
        "ningún pago nuevo aquí hasta que el Historial muestre su resultado.",
    "pending": "pendiente",
    "sent": "enviado",
    "approved": "aprobado",
    "partially approved": "aprobado en parte",
    "declined": "rechazado",
    "not processed": "no procesado",
    "unknown, being checked": "desconocido, en comprobación",
    "voided": "anulado",
    "refunded": "reembolsado",
    "partly refunded": "reembolso parcial",  # as wide as "aprobado en parte": fits
    "sale": "venta",
    "authorization": "autorización",
    "capture": "captura",
    "refund": "reembolso",
    "refund by ID": "reembolso por ID",
    "void": "anulación",
    "card saved": "tarjeta guardada",
    "saved card sale": "venta con tarjeta guardada",
    "check sale": "venta con cheque",
    "hosted page": "página alojada",
    "card": "tarjeta",
    "check": "cheque",
    "Check the hosted page every": "Consultar la página alojada cada",
    "Hosted page time limit": "Tiempo límite de la página alojada",
    "Gateway read timeout": "Tiempo de espera de la pasarela",
    "Journal database (blank: on this PC)": "Base de datos del registro (vacío: en este equipo)",
    "Webhook store database (blank: on this PC)":
        "Base de datos de webhooks (vacío: en este equipo)",
    "Front desk": "Recepción",
    "For IT": "Para TI",
    "s": "s",
    "min": "min",
    "Saved.": "Guardado.",
    "Saved. Restart Front Desk Pay to use them.":
        "Guardado. Reinicie Front Desk Pay para usarlos.",
    "Open Settings (Ctrl+4) to put it right, then restart Front Desk Pay.":
        "Abra Configuración (Ctrl+4) para corregirlo y luego reinicie Front Desk Pay.",
    "New IT pass&code (blank: keep)": "&Nuevo código de TI (vacío: se mantiene)",
    "IT passcode": "Código de TI",
    "&Unlock": "Des&bloquear",
    "That is not the IT passcode.": "Ese no es el código de TI.",
    "A card was swiped while no payment was waiting for it: nothing was read or kept. Press "
    "Take payment first, then swipe.":
        "Se pasó una tarjeta sin ningún pago en espera: no se leyó ni se guardó nada. Pulse "
        "primero Cobrar y después pase la tarjeta.",
    "That was card data, not a patient or account: it was cleared and not kept. Type the "
    "patient, then press Take payment before swiping.":
        "Eso eran datos de tarjeta, no un paciente o una cuenta: se borraron y no se "
        "guardaron. Escriba el paciente y pulse Cobrar antes de pasar la tarjeta.",
    "That is not a device address. Addresses start with serial:, tcp:, hid:, usb:, wedge: or "
    "bridge:, like serial:COM3 or tcp:10.0.0.5:12000.":
        "Eso no es una dirección de dispositivo. Las direcciones empiezan por serial:, tcp:, "
        "hid:, usb:, wedge: o bridge:, como serial:COM3 o tcp:10.0.0.5:12000.",
    "Check which card on file to charge for this patient, then press Enter again.":
        "Compruebe qué tarjeta guardada cobrar a este paciente y pulse Intro de nuevo.",
    "The result is not known yet: it may have gone through. Do not repeat it; History shows "
    "the result as soon as the gateway answers.":
        "El resultado aún no se conoce: puede haberse realizado. No lo repita; el Historial "
        "muestra el resultado en cuanto responda la pasarela.",
    "A payment is being processed. Wait for its result, then close Front Desk Pay.":
        "Se está procesando un pago. Espere su resultado y después cierre Front Desk Pay.",
    "Something went wrong inside Front Desk Pay. The details are in the log for IT.":
        "Algo falló dentro de Front Desk Pay. Los detalles están en el registro para TI.",
    "Saved. Restart Front Desk Pay to use the new: {0}.":
        "Guardado. Reinicie Front Desk Pay para usar: {0}.",
    "environment": "entorno",
    "protocol": "protocolo",
    "account ID": "ID de cuenta",
    "merchant ID": "ID de comercio",
    "store ID": "ID de tienda",
    "terminal ID": "ID de terminal",
    "receipt header": "encabezado del recibo",
    "&Settle from portal…": "&Cerrar desde el portal…",
    "Settle from the gateway's portal": "Cerrar desde el portal de la pasarela",
    "The gateway has not told the app what became of the {0} payment of {1} (ref {2}). Look "
    "it up on the gateway's portal: was it charged?":
        "La pasarela no ha dicho a la aplicación qué pasó con el pago de {0} de {1} (ref. {2}). "
        "Búsquelo en el portal de la pasarela: ¿se cobró?",
    "Charged…": "Cobrado…",
    "Not charged": "No cobrado",
    "Transaction ID the portal shows:": "ID de transacción que muestra el portal:",
    "Recording…": "Registrando…",
    "Several desks share this terminal I&D": "&Varias recepciones comparten este ID de terminal",
    "terminal sharing": "terminal compartido",
    "language": "idioma",
    "hosted page check interval": "intervalo de consulta de la página alojada",
    "hosted page time limit": "tiempo límite de la página alojada",
    "gateway read timeout": "tiempo de espera de la pasarela",
    "journal database": "base de datos del registro",
    "webhook store database": "base de datos de webhooks",
    "&Discover devices": "&Buscar dispositivos",
    "&Environment": "&Entorno",
    "&Language": "&Idioma",
    "&Merchant ID": "ID de &comercio",
    "&Patient / account": "&Paciente / cuenta",
    "&Protocol": "&Protocolo",
    "&Refund…": "&Reembolsar…",
    "&Routing number": "Número de &ruta",
    "&Save settings": "&Guardar configuración",
    "Sto&re ID": "ID de tien&da",
    "&Tender": "&Forma de pago",
    "&Terminal ID": "ID de &terminal",
    "&Test card read": "&Probar lectura de tarjeta",
    "&Void…": "&Anular…",
    "A&ccount number": "Número de &cuenta",
    "A&mount": "I&mporte",
    "Acc&ount ID": "ID de c&uenta",
    "Amount": "Importe",
    "Amount to refund to {0}:": "Importe a reembolsar a {0}:",
    "Any status": "Cualquier estado",
    "Approved": "Aprobado",
    "Approved {0}": "Aprobado {0}",
    "Auth": "Aut.",
    "Gateway update": "Aviso pasarela",
    "Auth code {0}   {1}": "Código de autorización {0}   {1}",
    "Balance due {0}. Auth code {1}   {2}": "Saldo pendiente {0}. Código de autorización {1}   {2}",
    "Cancel": "Cancelar",
    "Cancel (Esc)": "Cancelar (Esc)",
    "Cancelling…": "Cancelando…",
    "Card &number": "&Número de tarjeta",
    "Card on file": "Tarjeta guardada",
    "Card on the reader": "Tarjeta en el lector",
    "Check n&umber": "Número de c&heque",
    "Check scanned at the desk": "Cheque escaneado en recepción",
    "Check, patient not present": "Cheque, paciente no presente",
    "Checkout  Ctrl+1": "Cobro  Ctrl+1",
    "Close page (Esc)": "Cerrar página (Esc)",
    "Connection": "Conexión",
    "Declined": "Rechazado",
    "Device": "Dispositivo",
    "Devices": "Dispositivos",
    "Devices  Ctrl+3": "Dispositivos  Ctrl+3",
    "E&xpiry (MM/YY)": "&Vencimiento (MM/AA)",
    "End of day {0}: {1}   Net {2}": "Cierre del día {0}: {1}   Neto {2}",
    "Enter takes the payment. Escape clears the form.":
        "Intro cobra el pago. Escape borra el formulario.",
    "Enter the amount to charge.": "Introduzca el importe a cobrar.",
    "Environment: {0}  ·  Terminal {1}": "Entorno: {0}  ·  Terminal {1}",
    "Export day to CSV": "Exportar el día a CSV",
    "Exported {0} payments to {1}": "Se exportaron {0} pagos a {1}",
    "Front Desk Pay": "Front Desk Pay",
    "Front Desk Pay {0}": "Front Desk Pay {0}",
    "Gateway pass&word": "Contrase&ña de la pasarela",
    "History": "Historial",
    "History  Ctrl+2": "Historial  Ctrl+2",
    "Hosted page closed. The app keeps checking this page in the background until it "
    "expires: if the patient paid on it, the payment shows in History; if not, History says "
    "nothing was charged.":
        "Página de pago cerrada. La aplicación sigue comprobando esta página en segundo plano "
        "hasta que caduque: si el paciente pagó en ella, el pago aparecerá en el Historial; si "
        "no, el Historial indicará que no se cobró nada.",
    "Not paid: nothing was charged": "No pagado: no se cobró nada",
    "The page's time limit has passed. Asking the gateway whether anything was paid "
    "(checks: {0})…":
        "Se agotó el tiempo de la página. Preguntando a la pasarela si se pagó algo "
        "(comprobaciones: {0})…",
    "The patient did not pay on the hosted page.": "El paciente no pagó en la página alojada.",
    "The payment page expired before the payment was finished: nothing was charged.":
        "La página de pago caducó antes de terminar el pago: no se cobró nada.",
    "This payment never reached the gateway: nothing was charged.":
        "Este pago nunca llegó a la pasarela: no se cobró nada.",
    "The payment page was never shown: nothing was charged.":
        "La página de pago nunca se mostró: no se cobró nada.",
    "Hosted payment page": "Página de pago alojada",
    "Insert, tap or swipe the card": "Inserte, acerque o deslice la tarjeta",
    "Keyed card": "Tarjeta tecleada",
    "New payment": "Nuevo pago",
    "No card read: {0}": "No se leyó ninguna tarjeta: {0}",
    "Not processed": "No procesado",
    "Only on": "Solo el",
    "Opening the hosted payment page…": "Abriendo la página de pago alojada…",
    "Partially approved: {0} of {1}": "Aprobado parcialmente: {0} de {1}",
    "Patient": "Paciente",
    "Patient pays {0} on the hosted page. Waiting…":
        "El paciente paga {0} en la página alojada. Esperando…",
    "Payment cancelled. Nothing was charged.": "Pago cancelado. No se cobró nada.",
    "Processing {0}…": "Procesando {0}…",
    "Processing…": "Procesando…",
    "Read OK: {0}": "Lectura correcta: {0}",
    "Reason: {0}. Ask for another card or tender.":
        "Motivo: {0}. Pida otra tarjeta u otra forma de pago.",
    "Receipt &header": "Encabezado del &recibo",
    "Receipt (PDF)…": "Recibo (PDF)…",
    "Receipt saved: {0}": "Recibo guardado: {0}",
    "Refund": "Reembolso",
    "Refund {0} of the {1} payment?": "¿Reembolsar {0} del pago de {1}?",
    "Refunding…": "Reembolsando…",
    "Reprint receipt": "Reimprimir recibo",
    "Result not known yet: do NOT charge again":
        "Resultado aún desconocido: NO cobre de nuevo",
    "Saved &card": "Tarjeta &guardada",
    "Search patient, last four, amount, auth code…":
        "Buscar paciente, últimos cuatro, importe, código de autorización…",
    "Security &code": "Código de &seguridad",
    "Settings": "Configuración",
    "Settings  Ctrl+4": "Configuración  Ctrl+4",
    "Simulate tap (test card)": "Simular pago sin contacto (tarjeta de prueba)",
    "State": "Estado",
    "Status": "Estado",
    "Swipe a card now (or wait 15 s)…": "Deslice una tarjeta ahora (o espere 15 s)…",
    "Take payment": "Cobrar",
    "Take the balance with another tender": "Cobrar el saldo con otra forma de pago",
    "Tender": "Forma de pago",
    "The amount must be more than zero.": "El importe debe ser mayor que cero.",
    "The card could not be read. Swipe it again":
        "No se pudo leer la tarjeta. Deslícela de nuevo",
    "The gateway did not answer in time. The app is checking this payment with the gateway "
    "and will show the result here and in History. Reference {0}.":
        "La pasarela no respondió a tiempo. La aplicación está verificando este pago con la "
        "pasarela y mostrará el resultado aquí y en el Historial. Referencia {0}.",
    "This patient has no card on file yet.": "Este paciente aún no tiene tarjeta guardada.",
    "Time": "Hora",
    "Try again": "Intentar de nuevo",
    "Type": "Tipo",
    "Void": "Anular",
    "Void payment": "Anular pago",
    "Void the {0} payment of {1} ({2})? The patient is not charged.":
        "¿Anular el pago ({0}) de {1} ({2})? No se cobrará al paciente.",
    "Voiding…": "Anulando…",
    "Waiting for the patient to finish on the hosted page (gateway checks: {0})…":
        "Esperando a que el paciente termine en la página alojada (consultas: {0})…",
    "connected": "conectado",
    "e.g. MRN or account number": "p. ej. número de historia o de cuenta",
    "no payments": "sin pagos",
    "no reason given": "sin motivo indicado",
    "stored in the system keyring, never in a file":
        "se guarda en el llavero del sistema, nunca en un archivo",
    "waiting for card": "esperando tarjeta",
    "{0} device(s) found.": "{0} dispositivo(s) encontrado(s).",
    "{0} {1} · {2} · {3} · auth {4} · txn {5} · ref {6}":
        "{0} {1} · {2} · {3} · aut. {4} · trans. {5} · ref. {6}",
    "reverses txn {0}": "revierte trans. {0}",
    "{0} {1}: {2} = {3}": "{0} ({1}): {2} = {3}",
    "{0}: TEST PAYMENTS ONLY, no real money moves":
        "{0}: SOLO PAGOS DE PRUEBA, no se mueve dinero real",
    "{0}: {1}": "{0}: {1}",
    "&Save card on file for this patient": "&Guardar la tarjeta para este paciente",
    "Enter the patient / account to save the card for.":
        "Indique el paciente / cuenta para el que se guarda la tarjeta.",
    "Reading card…": "Leyendo la tarjeta…",
    "Enter PIN on the pad": "Introduzca el PIN en el teclado",
    "Card removed": "Tarjeta retirada",
    "The device was disconnected": "El dispositivo se desconectó",
    "Swipe the card": "Deslice la tarjeta",
    "This card has a chip: insert it": "Esta tarjeta tiene chip: insértela",
    "The chip could not be read: swipe the card": "No se pudo leer el chip: deslice la tarjeta",
    "The card could not be read. Try again": "No se pudo leer la tarjeta. Inténtelo de nuevo",
    "Feed the check into the scanner": "Introduzca el cheque en el escáner",
    "No check scanner is connected. Key the routing and account numbers from the bottom of "
    "the check.": "No hay escáner de cheques conectado. Teclee los números de ruta y de cuenta "
                  "de la parte inferior del cheque.",
    "The check's MICR line could not be read. Key the routing and account numbers printed at "
    "the bottom of the check.": "No se pudo leer la línea MICR del cheque. Teclee los números "
                                "de ruta y de cuenta impresos al pie del cheque.",
    "Address": "Dirección",
    "Model": "Modelo",
    "&Add address": "&Añadir dirección",
    "&Remove": "&Quitar",
    "Add &simulator": "Añadir &simulador",
    "Looking for devices…": "Buscando dispositivos…",
    "Connecting the devices…": "Conectando los dispositivos…",
    "Present a card on the reader now…": "Presente una tarjeta en el lector…",
    "&Print…": "&Imprimir…",
    "ready": "listo",
    "disconnected": "desconectado",
    "reading card": "leyendo tarjeta",
    "PIN entry": "introduciendo PIN",
    "bad read": "lectura fallida",
    "card removed": "tarjeta retirada",
    "error": "error",
    "PIN pad": "Teclado PIN",
    "Card reader": "Lector de tarjetas",
    "Check scanner": "Escáner de cheques",
    "Devices: connecting…": "Dispositivos: conectando…",
    "Not connected: payments cannot be taken": "Sin conexión: no se pueden cobrar pagos",
    "Connecting to the journal and the gateway…": "Conectando con el registro y la pasarela…",
    "No devices connected": "No hay dispositivos conectados",
    "This card cannot be saved on file (no card number).":
        "Esta tarjeta no se puede guardar (sin número de tarjeta).",
    "The card was not saved on file: {0}": "La tarjeta no se guardó: {0}",
    "Card saved on file: {0}": "Tarjeta guardada: {0}",
    "exp": "cad.",
}

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def build() -> int:
    bin_dir = Path(sys.executable).parent
    ts = HERE / "frontdeskpay_es.ts"
    sources = sorted(str(p) for p in (ROOT / "desktop_app" / "ui").rglob("*.py"))
    sources.append(str(ROOT / "desktop_app" / "settings.py"))  # the settings' declared labels
    subprocess.run([bin_dir / "pyside6-lupdate", *sources, "-no-obsolete", "-ts", ts],
                   check=True)
    tree = ET.parse(ts)
    missing = 0
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        if source in ES:
            translation.text = ES[source]
            translation.attrib.pop("type", None)
        else:
            missing += 1
            print(f"untranslated: {source!r}")
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    subprocess.run([bin_dir / "pyside6-lrelease", ts, "-qm", HERE / "frontdeskpay_es.qm"],
                   check=True)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(build())
