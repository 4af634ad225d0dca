"""Card data the simulators present: public test numbers only, never a real card."""

TEST_PAN = "4111111111111111"
