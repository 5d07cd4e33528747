"""The Merkle tree of RFC 6962 (Certificate Transparency), section 2.1, with the proofs of RFC 9162.

Pure functions on bytes: no Django, no database, so a data subject, an auditor or a script can
check a proof with this module (and `cryptography` for the signature) alone.

- leaf hash: SHA-256(0x00 || leaf data); interior node: SHA-256(0x01 || left || right);
- the tree of n leaves splits at k, the largest power of two smaller than n;
- an inclusion proof (audit path) shows one leaf is in the tree of a signed root;
- a consistency proof shows the tree of an earlier root is a prefix of the tree of a later one:
  nothing in it was changed, removed or reordered, only appended.

`Frontier` is the compact range of a tree (Trillian's term): the roots of the perfect subtrees
along its right edge, at most log2(n) hashes, enough to append leaves and compute the root
without the leaves before.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

HASH_SIZE = 32
#: MTH({}) = SHA-256 of the empty string
EMPTY_ROOT = hashlib.sha256(b"").digest()


class ProofError(ValueError):
    """A proof does not verify, or its sizes and indices are impossible."""


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def _split(n: int) -> int:
    """The largest power of two smaller than n (n > 1)."""
    return 1 << ((n - 1).bit_length() - 1)


def root(leaves: Sequence[bytes]) -> bytes:
    """MTH(D[n]) of leaf hashes (not leaf data), without recursion: one pass through a frontier."""
    frontier = Frontier()
    frontier.extend(leaves)
    return frontier.root()


def _subtree(leaves: Sequence[bytes], start: int, end: int) -> bytes:
    """MTH of leaves[start:end], a subtree of the tree (hashes, never copies of the list)."""
    if end - start == 1:
        return leaves[start]
    k = _split(end - start)
    return node_hash(_subtree(leaves, start, start + k), _subtree(leaves, start + k, end))


# --- inclusion -------------------------------------------------------------------------------------


def inclusion_proof(index: int, leaves: Sequence[bytes]) -> list[bytes]:
    """PATH(m, D[n]) of RFC 6962 2.1.1: the sibling hashes from the leaf up to the root."""
    if not 0 <= index < len(leaves):
        raise ProofError(f"leaf {index} is not in a tree of {len(leaves)} leaves")
    path: list[bytes] = []
    start, end = 0, len(leaves)
    # walk down from the root, collecting the sibling of every subtree the leaf is in
    while end - start > 1:
        k = _split(end - start)
        if index < start + k:
            path.append(_subtree(leaves, start + k, end))
            end = start + k
        else:
            path.append(_subtree(leaves, start, start + k))
            start = start + k
    path.reverse()
    return path


def root_from_inclusion_proof(index: int, size: int, leaf: bytes, proof: Sequence[bytes]) -> bytes:
    """RFC 9162 2.1.3.2: the root that `proof` leads to from `leaf` at `index` in a tree of `size`."""
    if not 0 <= index < size:
        raise ProofError(f"leaf index {index} is beyond the tree size {size}")
    _check_hashes([leaf, *proof])
    fn, sn = index, size - 1
    result = leaf
    for sibling in proof:
        if sn == 0:
            raise ProofError("the proof is longer than the path to the root")
        if fn & 1 or fn == sn:
            result = node_hash(sibling, result)
            if not fn & 1:
                while fn & 1 == 0 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            result = node_hash(result, sibling)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise ProofError("the proof is shorter than the path to the root")
    return result


def verify_inclusion(
    index: int, size: int, leaf: bytes, proof: Sequence[bytes], expected_root: bytes
) -> None:
    """Raise ProofError unless `leaf` is at `index` in the tree of `size` leaves with `expected_root`."""
    if root_from_inclusion_proof(index, size, leaf, proof) != expected_root:
        raise ProofError("the audit path does not lead to the signed root")


# --- consistency -----------------------------------------------------------------------------------


def consistency_proof(old_size: int, leaves: Sequence[bytes]) -> list[bytes]:
    """PROOF(m, D[n]) of RFC 6962 2.1.2 between the tree of the first `old_size` leaves and all."""
    if not 0 <= old_size <= len(leaves):
        raise ProofError(f"an earlier tree of {old_size} leaves cannot precede one of {len(leaves)}")
    if old_size in (0, len(leaves)):
        return []
    return _subproof(old_size, leaves, 0, len(leaves), complete=True)


def _subproof(m: int, leaves: Sequence[bytes], start: int, end: int, *, complete: bool) -> list[bytes]:
    n = end - start
    if m == n:
        return [] if complete else [_subtree(leaves, start, end)]
    k = _split(n)
    if m <= k:
        return [*_subproof(m, leaves, start, start + k, complete=complete), _subtree(leaves, start + k, end)]
    return [*_subproof(m - k, leaves, start + k, end, complete=False), _subtree(leaves, start, start + k)]


def verify_consistency(
    old_size: int, new_size: int, old_root: bytes, new_root: bytes, proof: Sequence[bytes]
) -> None:
    """RFC 9162 2.1.4.2: raise ProofError unless the tree of `old_root` is a prefix of `new_root`'s."""
    if old_size > new_size:
        raise ProofError(f"the earlier tree ({old_size} leaves) is larger than the later ({new_size})")
    if old_size == new_size:
        if proof:
            raise ProofError("a proof between trees of the same size is empty")
        if old_root != new_root:
            raise ProofError("two trees of the same size have different roots")
        return
    if old_size == 0:
        if proof:
            raise ProofError("a proof from the empty tree is empty")
        return
    if not proof:
        raise ProofError("the proof is empty")
    _check_hashes(proof)
    path = list(proof)
    # if the old tree is a perfect subtree on the left edge, its root is the proof's first node
    if old_size & (old_size - 1) == 0:
        path.insert(0, old_root)
    fn, sn = old_size - 1, new_size - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            raise ProofError("the proof is longer than needed")
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            if not fn & 1:
                while fn & 1 == 0 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise ProofError("the proof is shorter than needed")
    if fr != old_root:
        raise ProofError("the proof does not lead to the earlier root")
    if sr != new_root:
        raise ProofError("the proof does not lead to the later root")


def _check_hashes(hashes: Iterable[bytes]) -> None:
    for value in hashes:
        if len(value) != HASH_SIZE:
            raise ProofError(f"a hash of {len(value)} bytes in the proof (SHA-256 has {HASH_SIZE})")


# --- the compact range ------------------------------------------------------------------------------


class Frontier:
    """The right edge of a tree: one perfect-subtree root per set bit of its size, largest first.

    Appending a leaf merges equal-sized subtrees like a binary counter, so a tree of n leaves
    keeps at most log2(n) hashes; the root folds them from the right (RFC 6962's split at the
    largest power of two is exactly that fold)."""

    def __init__(self, size: int = 0, hashes: Sequence[bytes] = ()) -> None:
        if len(hashes) != bin(size).count("1"):
            raise ProofError(
                f"a frontier of {size} leaves holds {bin(size).count('1')} hashes, not {len(hashes)}"
            )
        _check_hashes(hashes)
        self.size = size
        self.hashes = list(hashes)

    def append(self, leaf: bytes) -> None:
        node = leaf
        size = self.size
        # every trailing 1 bit of the size is a subtree as large as the new one: merge it
        while size & 1:
            node = node_hash(self.hashes.pop(), node)
            size >>= 1
        self.hashes.append(node)
        self.size += 1

    def extend(self, leaves: Iterable[bytes]) -> None:
        for leaf in leaves:
            self.append(leaf)

    def root(self) -> bytes:
        if not self.hashes:
            return EMPTY_ROOT
        result = self.hashes[-1]
        for node in reversed(self.hashes[:-1]):
            result = node_hash(node, result)
        return result

    def copy(self) -> Frontier:
        return Frontier(self.size, self.hashes)

    def to_hex(self) -> list[str]:
        return [h.hex() for h in self.hashes]

    @classmethod
    def from_hex(cls, size: int, hashes: Sequence[str]) -> Frontier:
        return cls(size, [bytes.fromhex(h) for h in hashes])
