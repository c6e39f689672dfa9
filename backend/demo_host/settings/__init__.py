"""Settings of the demo host: ``base`` (like lms/envs/common.py), ``dev`` (like production.py), ``test``."""
