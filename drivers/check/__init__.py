"""Check scanners: MICR line and images in, the eCheck tender out."""
