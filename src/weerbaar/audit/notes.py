"""Signed checkpoints in the formats of the transparency-log ecosystem (Go sumdb, Trillian, Sigstore).

A checkpoint (C2SP tlog-checkpoint) is a short text: the log's origin, the tree size, the root
hash in base64, then extension lines (here: the time it was made). It is signed as a signed note
(C2SP signed-note) with Ed25519: after a blank line, one line per signature,
``— <key name> <base64(4-byte key id || signature)>``. A verifier key is published as one string,
``<name>+<key id in hex>+<base64(0x01 || public key)>``.

No Django here: checking a checkpoint needs this module, `merkle.py` and `cryptography` only.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from .merkle import HASH_SIZE

ED25519 = b"\x01"
SIGNATURE_PREFIX = "\u2014 "  # an em dash and a space


class NoteError(ValueError):
    """A checkpoint or a key that cannot be read, or a signature that does not verify."""


def _raw_public(public_key: Ed25519PublicKey) -> bytes:
    return public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def key_id(name: str, public_key: Ed25519PublicKey) -> bytes:
    """The 4 bytes a signature line starts with: SHA-256(name, newline, 0x01, public key)[:4]."""
    return hashlib.sha256(name.encode() + b"\n" + ED25519 + _raw_public(public_key)).digest()[:4]


@dataclass(frozen=True)
class VerifierKey:
    """A published public key: who signs (the log's origin) and the Ed25519 key."""

    name: str
    public_key: Ed25519PublicKey

    @property
    def id(self) -> bytes:
        return key_id(self.name, self.public_key)

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the raw public key: what the FG compares with the published value."""
        return "SHA256:" + hashlib.sha256(_raw_public(self.public_key)).hexdigest()

    def __str__(self) -> str:
        raw = base64.b64encode(ED25519 + _raw_public(self.public_key)).decode()
        return f"{self.name}+{self.id.hex()}+{raw}"

    @classmethod
    def parse(cls, text: str) -> VerifierKey:
        parts = text.strip().split("+", 2)
        if len(parts) != 3:
            raise NoteError(f"not a verifier key (name+id+key): {text[:60]!r}")
        name, hex_id, encoded = parts
        try:
            raw = base64.b64decode(encoded, validate=True)
        except binascii.Error as exc:
            raise NoteError(f"verifier key {name}: the key is not base64") from exc
        if len(raw) != 33 or raw[:1] != ED25519:
            raise NoteError(f"verifier key {name}: not an Ed25519 key")
        key = cls(name, Ed25519PublicKey.from_public_bytes(raw[1:]))
        if key.id.hex() != hex_id.lower():
            raise NoteError(f"verifier key {name}: the key id {hex_id} does not belong to this key")
        return key


@dataclass(frozen=True)
class Signer:
    name: str
    private_key: Ed25519PrivateKey

    @property
    def verifier(self) -> VerifierKey:
        return VerifierKey(self.name, self.private_key.public_key())

    def sign(self, text: str) -> str:
        """The signed note: `text`, a blank line, the signature line."""
        if not text.endswith("\n"):
            raise NoteError("a note's text ends with a newline")
        signature = self.private_key.sign(text.encode())
        line = base64.b64encode(self.verifier.id + signature).decode()
        return f"{text}\n{SIGNATURE_PREFIX}{self.name} {line}\n"


@dataclass(frozen=True)
class Signature:
    name: str
    key_id: bytes
    signature: bytes


def split_note(note: str) -> tuple[str, list[Signature]]:
    """The signed text and its signature lines (not yet verified)."""
    text, sep, block = note.rpartition("\n\n")
    if not sep:
        raise NoteError("a signed note has a blank line before its signatures")
    text += "\n"
    signatures = []
    for line in block.splitlines():
        if not line.startswith(SIGNATURE_PREFIX):
            raise NoteError(f"not a signature line: {line[:60]!r}")
        name, _, encoded = line[len(SIGNATURE_PREFIX) :].rpartition(" ")
        try:
            raw = base64.b64decode(encoded, validate=True)
        except binascii.Error as exc:
            raise NoteError("a signature is not base64") from exc
        if len(raw) < 5:
            raise NoteError("a signature line is too short")
        signatures.append(Signature(name, raw[:4], raw[4:]))
    if not signatures:
        raise NoteError("the note carries no signature")
    return text, signatures


def open_note(note: str, keys: list[VerifierKey]) -> tuple[str, VerifierKey]:
    """The text of a note and the key that signed it; NoteError names an unknown or bad signature."""
    text, signatures = split_note(note)
    by_id = {(k.name, k.id): k for k in keys}
    unknown = []
    for signature in signatures:
        key = by_id.get((signature.name, signature.key_id))
        if key is None:
            unknown.append(f"{signature.name}+{signature.key_id.hex()}")
            continue
        try:
            key.public_key.verify(signature.signature, text.encode())
        except InvalidSignature as exc:
            raise NoteError(
                f"the signature of key {signature.key_id.hex()} does not verify: the text was changed or forged"
            ) from exc
        return text, key
    raise NoteError(f"signed by key {', '.join(unknown)}, which is not a trusted key")


# --- checkpoints ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Checkpoint:
    """A claim about the log: its origin had `size` entries with Merkle root `root` at `timestamp`."""

    origin: str
    size: int
    root: bytes
    timestamp: datetime

    def text(self) -> str:
        when = self.timestamp.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        return f"{self.origin}\n{self.size}\n{base64.b64encode(self.root).decode()}\ntimestamp {when}\n"

    @classmethod
    def parse(cls, text: str) -> Checkpoint:
        lines = text.split("\n")
        if len(lines) < 4 or lines[-1] != "":
            raise NoteError("a checkpoint has an origin, a size and a root hash, each on a line")
        origin, size, encoded = lines[0], lines[1], lines[2]
        if not size.isdigit() or (size.startswith("0") and size != "0"):
            raise NoteError(f"checkpoint size {size!r} is not a decimal number")
        try:
            root = base64.b64decode(encoded, validate=True)
        except binascii.Error as exc:
            raise NoteError("the checkpoint's root hash is not base64") from exc
        if len(root) != HASH_SIZE:
            raise NoteError("the checkpoint's root hash is not a SHA-256 hash")
        extensions = dict(line.partition(" ")[::2] for line in lines[3:-1])
        try:
            stamp = datetime.strptime(extensions["timestamp"], "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
        except (KeyError, ValueError) as exc:
            raise NoteError("the checkpoint has no readable timestamp line") from exc
        return cls(origin, int(size), root, stamp)


def open_checkpoint(note: str, keys: list[VerifierKey]) -> tuple[Checkpoint, VerifierKey]:
    """Check the signature, then read the checkpoint: NoteError if either fails."""
    text, key = open_note(note, keys)
    checkpoint = Checkpoint.parse(text)
    if checkpoint.origin != key.name:
        raise NoteError(f"checkpoint of log {checkpoint.origin!r} signed by key {key.name!r}")
    return checkpoint, key


def signer_from_seed(name: str, seed: bytes) -> Signer:
    if len(seed) != 32:
        raise NoteError(f"an Ed25519 private key is 32 bytes, not {len(seed)}")
    return Signer(name, Ed25519PrivateKey.from_private_bytes(seed))
