"""Golden SOAP requests: the bytes a .NET client generated from payment.wsdl puts on the wire.

Four client styles, as the overview's "add a web reference" (wsdl.exe's SoapHttpClientProtocol)
and WCF (svcutil, XmlSerializer format) write them:

- ``webref11`` / ``webref12``: ``soap:`` / ``soap12:`` prefixes, xsi and xsd declared on the
  Envelope (the shape .asmx help pages show);
- ``wcf11`` (basicHttpBinding) / ``wcf12`` (textMessageEncoding Soap12, no WS-Addressing):
  ``s:`` prefix, xsi and xsd declared on the Body.

SOAP 1.1 carries the quoted ``SOAPAction`` header; SOAP 1.2 the ``action`` parameter of the
Content-Type. The operation element declares the service namespace as the default namespace, so
every child is qualified (``elementFormDefault="qualified"``). XmlSerializer writes string
properties that are set, in schema order, and value-type ones always (the booleans and ints the
schema requires). The bodies below are written by hand in that shape, one per operation we use.
"""

from __future__ import annotations

from dataclasses import dataclass

NS = "http://online.instamed.com/TransactionServices/Payment/v1r3/"
SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP12 = "http://www.w3.org/2003/05/soap-envelope"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XSD = "http://www.w3.org/2001/XMLSchema"
STYLES = ("webref11", "webref12", "wcf11", "wcf12")
OUTLET = ("<MerchantID>6011000551245</MerchantID><StoreID>001</StoreID>"
          "<TerminalID>002</TerminalID>")
PATIENT = ("<Patient><PatientID>P-1001</PatientID><PatientFirstName>Ana</PatientFirstName>"
           "<PatientLastName>Ruiz</PatientLastName></Patient>")

# The contents of each operation's element, in schema order. {ref} is our reference in
# AdditionalInfo1; {primary} an earlier transaction's TransactionID; {saved} a card on file.
BODIES: dict[str, str] = {
    "sale": (
        "<DoCreditCardAuthAndCapt xmlns=\"{ns}\"><transaction>" + OUTLET +
        "<CardNumber>4111111111111111</CardNumber><CardExpiration>12-30</CardExpiration>"
        "<Amount>12.34</Amount><CardVerificationNumber>123</CardVerificationNumber>"
        "<CardHolderName>Ana Ruiz</CardHolderName>" + PATIENT +
        "<AdditionalInfo1>{ref}</AdditionalInfo1><CardPresentStatus>PresentManualKey"
        "</CardPresentStatus><IsCardholderInitiatedTransaction>true"
        "</IsCardholderInitiatedTransaction></transaction></DoCreditCardAuthAndCapt>"),
    "authorization": (
        "<DoCreditCardAuth xmlns=\"{ns}\"><transaction>" + OUTLET +
        "<CardNumber>5555555555554444</CardNumber><CardExpiration>11-31</CardExpiration>"
        "<Amount>30.00</Amount><AdditionalInfo1>{ref}</AdditionalInfo1>"
        "<CardPresentStatus>PresentManualKey</CardPresentStatus>"
        "<IsCardholderInitiatedTransaction>true</IsCardholderInitiatedTransaction>"
        "</transaction></DoCreditCardAuth>"),
    "save_on_file": (
        "<DoCreditCardSaveOnFile xmlns=\"{ns}\"><transaction>" + OUTLET +
        "<CardNumber>4111111111111111</CardNumber><CardExpiration>12-30</CardExpiration>"
        "<CardHolderName>Ana Ruiz</CardHolderName>" + PATIENT +
        "<AdditionalInfo1>{ref}</AdditionalInfo1><CardPresentStatus>PresentManualKey"
        "</CardPresentStatus><IsCardholderInitiatedTransaction>true"
        "</IsCardholderInitiatedTransaction></transaction></DoCreditCardSaveOnFile>"),
    "charge_saved_card": (
        "<DoCreditCardAuthAndCapt xmlns=\"{ns}\"><transaction>" + OUTLET +
        "<Amount>7.00</Amount><SaveOnFileTransactionID>{saved}</SaveOnFileTransactionID>"
        + PATIENT + "<AdditionalInfo1>{ref}</AdditionalInfo1>"
        "<CardPresentStatus>NotPresentPhone</CardPresentStatus>"
        "<IsCardholderInitiatedTransaction>false</IsCardholderInitiatedTransaction>"
        "</transaction></DoCreditCardAuthAndCapt>"),
    "refund": (
        "<DoCreditCardCredit xmlns=\"{ns}\"><transaction>" + OUTLET +
        "<CardNumber>4111111111111111</CardNumber><CardExpiration>12-30</CardExpiration>"
        "<Amount>5.00</Amount><AdditionalInfo1>{ref}</AdditionalInfo1>"
        "<CardPresentStatus>PresentManualKey</CardPresentStatus>"
        "<IsCardholderInitiatedTransaction>false</IsCardholderInitiatedTransaction>"
        "</transaction></DoCreditCardCredit>"),
    "simple_refund": (
        "<DoCreditCardSimpleRefund xmlns=\"{ns}\"><transaction>" + OUTLET +
        "<Amount>2.34</Amount><PrimaryTransactionID>{primary}</PrimaryTransactionID>"
        "</transaction></DoCreditCardSimpleRefund>"),
    "void": (
        "<DoCreditCardSecondaryVoid xmlns=\"{ns}\"><transaction>" + OUTLET +
        "<PrimaryTransactionID>{primary}</PrimaryTransactionID>"
        "<PrimaryCardPresentStatus>PresentManualKey</PrimaryCardPresentStatus>"
        "</transaction></DoCreditCardSecondaryVoid>"),
    "echeck_sale": (
        "<DoECheckAuthAndCapt xmlns=\"{ns}\"><transaction>" + OUTLET +
        "<AccountNumber>123456789</AccountNumber><RoutingNumber>021000021</RoutingNumber>"
        "<AccountType>Checking</AccountType><CheckNumber>1001</CheckNumber>" + PATIENT +
        "<AdditionalInfo1>{ref}</AdditionalInfo1><Amount>40.00</Amount>"
        "<CreditEffectiveOffset>0</CreditEffectiveOffset>"
        "<DebitEffectiveOffset>0</DebitEffectiveOffset><IsARC>false</IsARC>"
        "</transaction></DoECheckAuthAndCapt>"),
    "echeck_void": (
        "<DoECheckVoidByTransactionID xmlns=\"{ns}\"><transactionID>{primary}"
        "</transactionID></DoECheckVoidByTransactionID>"),
}
OPERATIONS = {kind: body.split(" ", 1)[0][1:] for kind, body in BODIES.items()}


@dataclass(frozen=True)
class Golden:
    body: bytes
    headers: dict[str, str]


def golden(kind: str, style: str, *, ref: str = "", primary: str = "",
           saved: str = "") -> Golden:
    """The request a .NET client of ``style`` sends for one of our kinds."""
    inner = BODIES[kind].format(ns=NS, ref=ref, primary=primary, saved=saved)
    action = NS + OPERATIONS[kind]
    if style.endswith("11"):
        headers = {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": f'"{action}"'}
        soap, prefix = SOAP11, "soap"
    else:
        headers = {"Content-Type": f'application/soap+xml; charset=utf-8; action="{action}"'}
        soap, prefix = SOAP12, "soap12"
    declare = f'xmlns:xsi="{XSI}" xmlns:xsd="{XSD}"'
    if style.startswith("webref"):
        text = (f'<?xml version="1.0" encoding="utf-8"?><{prefix}:Envelope '
                f'xmlns:{prefix}="{soap}" {declare}><{prefix}:Body>{inner}</{prefix}:Body>'
                f"</{prefix}:Envelope>")
    else:
        text = (f'<s:Envelope xmlns:s="{soap}"><s:Body {declare}>{inner}</s:Body>'
                "</s:Envelope>")
    return Golden(text.encode("utf-8"), headers)
