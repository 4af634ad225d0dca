"""X12 EDI for the front desk: the 270 we send, the 271 and 999 we read, the 835 posting file.

pyx12 does the tokenizing and validation against maps; resources/x12/ holds the 005010X279A1
eligibility maps pyx12 lacks (docs/edi.md says why this library and not another). Everything
here is pure (text in, values out) but service.py, the SOAP client of the healthcare service.
"""
