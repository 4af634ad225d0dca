"""EMV PIN pads over ``serial:`` and ``tcp:``: message set, driver and simulator."""
