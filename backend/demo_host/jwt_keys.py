"""RSA signing keys for the demo host's JWTs, in the JWK form edx-drf-extensions reads."""

import json
import os
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm


def new_private_jwk(kid="demo-host"):
    """A fresh RSA private key as a JWK JSON string."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    jwk = json.loads(RSAAlgorithm.to_jwk(key))
    jwk["kid"] = kid
    return json.dumps(jwk)


def public_jwk_set(private_jwk):
    """The JWK set (JSON string) holding the public half of ``private_jwk``."""
    private = json.loads(private_jwk)
    public = {name: private[name] for name in ("kty", "n", "e", "kid")}
    return json.dumps({"keys": [public]})


def load_or_create(path):
    """The private JWK stored at ``path``, made on first use so every worker process shares it."""
    path = Path(path)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(new_private_jwk())
        tmp.chmod(0o600)
        try:
            os.link(tmp, path)  # Never replaces a key another worker already wrote.
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    return path.read_text()
