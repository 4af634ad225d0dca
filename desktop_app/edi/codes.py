"""X12 code values the desk sees in plain words: AAA reject reasons (data element 901) and
follow-up actions (889) of 005010X279A1, and which of them mean "not found" or "try later"."""

from __future__ import annotations

REASONS = {
    "04": "The payer does not allow this provider to ask for this member",
    "15": "Required information is missing",
    "41": "The payer restricts access to this information",
    "42": "The payer cannot answer right now",
    "43": "The provider ID is invalid or missing",
    "44": "The provider name is invalid or missing",
    "45": "The provider specialty is invalid or missing",
    "47": "The provider state is invalid or missing",
    "48": "The referring provider ID is invalid or missing",
    "49": "The provider is not the primary care provider",
    "50": "The provider is not eligible to ask",
    "51": "The provider is not on the payer's file",
    "52": "The service dates are not within the provider's plan enrollment",
    "53": "The inquired benefit is not covered by the plan",
    "56": "The date of service is invalid",
    "57": "The date of service is invalid or missing",
    "58": "The date of birth is invalid or missing",
    "60": "The date of birth is after the date of service",
    "61": "The date of death is before the date of service",
    "62": "The date of service is not within the allowed inquiry period",
    "63": "The date of service is in the future",
    "64": "The patient ID is invalid or missing",
    "65": "The patient name is invalid or missing",
    "66": "The patient gender is invalid or missing",
    "67": "The patient is not found",
    "68": "The patient ID is a duplicate",
    "69": "The service does not fit the patient's age",
    "70": "The service does not fit the patient's gender",
    "71": "The date of birth does not match the payer's records",
    "72": "The member ID is invalid or missing",
    "73": "The subscriber name is invalid or missing",
    "74": "The subscriber gender is invalid or missing",
    "75": "The subscriber is not found",
    "76": "The member ID is a duplicate",
    "77": "The subscriber was found but the patient was not",
    "78": "The subscriber is not in the group or plan",
    "79": "The payer's system could not identify the participant",
    "80": "No answer was received from the payer in time",
    "97": "The payer name or ID is invalid or missing",
    "T4": "The payer name or ID is missing",
}
FOLLOW_UPS = {
    "C": "Correct it and ask again",
    "N": "Do not ask again",
    "P": "Ask again later",
    "R": "Ask again",
    "S": "Do not ask again; the payer will answer later",
    "W": "Wait 30 days and ask again",
    "X": "Wait 10 days and ask again",
    "Y": "Do not ask again; contact the payer",
}
NOT_FOUND = frozenset({"67", "75", "77", "78"})
TRY_LATER = frozenset({"42", "79", "80"})


def reason_words(code: str) -> str:
    return REASONS.get(code, f"The payer refused the question (reason {code})")
