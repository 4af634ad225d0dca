"""MagTek Mini MICR / MICRSafe check readers: commands, the serial and HID drivers, a simulator."""
