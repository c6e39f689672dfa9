"""
The Aspects suite (``make test-aspects``): runs where event-routing-backends is installed, which the plugin's
own virtualenv does not have; elsewhere nothing here is collected.
"""

import importlib.util

collect_ignore_glob = [] if importlib.util.find_spec("event_routing_backends") else ["test_*.py"]
