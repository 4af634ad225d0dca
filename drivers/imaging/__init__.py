"""Check image scanners (remote deposit): the interface, a Pillow-made simulated scanner."""
