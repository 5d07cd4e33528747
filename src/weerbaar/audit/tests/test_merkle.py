"""The Merkle tree is RFC 6962's: the known vectors of Certificate Transparency hold, and inclusion
and consistency proofs verify for every tree size and fail for every corruption."""

import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from weerbaar.audit import merkle
from weerbaar.audit.merkle import Frontier, ProofError

# The test vectors of the certificate-transparency reference implementation (also used by
# Trillian and transparency-dev/merkle): eight leaves, the root of each prefix, and proofs
# (leaf indices there are 1-based).
LEAVES = [bytes.fromhex(h) for h in ["", "00", "10", "2021", "3031", "40414243", "5051525354555657"]] + [
    bytes.fromhex("606162636465666768696a6b6c6d6e6f")
]
ROOTS = [
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]
INCLUSION = [
    (1, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]),
    (6, 8, ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
    (3, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
    (2, 5, ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"]),
]  # fmt: skip
CONSISTENCY = [
    (1, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]),
    (6, 8, ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
    (2, 5, ["5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"]),
    (6, 7, ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
]  # fmt: skip

HASHES = [merkle.leaf_hash(leaf) for leaf in LEAVES]


def test_the_empty_tree_and_the_known_roots():
    assert merkle.root([]).hex() == hashlib.sha256(b"").hexdigest()
    for size, expected in enumerate(ROOTS, start=1):
        assert merkle.root(HASHES[:size]).hex() == expected, size


@pytest.mark.parametrize(("leaf", "size", "path"), INCLUSION)
def test_known_inclusion_proofs_are_produced_and_verify(leaf, size, path):
    proof = merkle.inclusion_proof(leaf - 1, HASHES[:size])
    assert [h.hex() for h in proof] == path
    merkle.verify_inclusion(leaf - 1, size, HASHES[leaf - 1], proof, bytes.fromhex(ROOTS[size - 1]))


@pytest.mark.parametrize(("old", "new", "path"), CONSISTENCY)
def test_known_consistency_proofs_are_produced_and_verify(old, new, path):
    proof = merkle.consistency_proof(old, HASHES[:new])
    assert [h.hex() for h in proof] == path
    merkle.verify_consistency(old, new, bytes.fromhex(ROOTS[old - 1]), bytes.fromhex(ROOTS[new - 1]), proof)


def _flipped(proof: list[bytes], i: int) -> list[bytes]:
    wrong = list(proof)
    wrong[i] = bytes([wrong[i][0] ^ 8]) + wrong[i][1:]
    return wrong


@pytest.mark.parametrize(("leaf", "size", "path"), INCLUSION)
def test_a_corrupted_inclusion_proof_fails(leaf, size, path):
    """Wrong index, size, leaf or root, a flipped bit, a missing or extra hash: each fails."""
    proof = [bytes.fromhex(h) for h in path]
    root, index, hashed = bytes.fromhex(ROOTS[size - 1]), leaf - 1, HASHES[leaf - 1]
    wrong = [
        (index + 1, size, hashed, proof, root),
        (index ^ 2, size, hashed, proof, root),
        (index, size * 2, hashed, proof, root),
        (index, size, merkle.leaf_hash(b"WrongLeaf"), proof, root),
        (index, size, hashed, proof, merkle.EMPTY_ROOT),
        (index, size, hashed, [*proof, root], root),
        (index, size, hashed, [root, *proof], root),
        (index, size, hashed, proof[:-1], root),
        *((index, size, hashed, _flipped(proof, i), root) for i in range(len(proof))),
    ]
    for args in wrong:
        with pytest.raises(ProofError):
            merkle.verify_inclusion(*args)


@pytest.mark.parametrize(("old", "new", "path"), CONSISTENCY)
def test_a_corrupted_consistency_proof_fails(old, new, path):
    proof = [bytes.fromhex(h) for h in path]
    root1, root2 = bytes.fromhex(ROOTS[old - 1]), bytes.fromhex(ROOTS[new - 1])
    wrong = [
        (old - 1, new, root1, root2, proof),
        (old + 1, new, root1, root2, proof),
        (old, new * 2, root1, root2, proof),
        (old, new, root2, root1, proof),
        (old, new, root1, merkle.EMPTY_ROOT, proof),
        (old, new, root1, root2, []),
        (old, new, root1, root2, [*proof, root1]),
        (old, new, root1, root2, [root2, *proof]),
        (old, new, root1, root2, proof[:-1]),
        (new, old, root2, root1, proof),
        *((old, new, root1, root2, _flipped(proof, i)) for i in range(len(proof))),
    ]
    for args in wrong:
        with pytest.raises(ProofError):
            merkle.verify_consistency(*args)


def _leaves(n: int) -> list[bytes]:
    return [merkle.leaf_hash(i.to_bytes(4, "big")) for i in range(n)]


def _reference_root(leaves: list[bytes]) -> bytes:
    """RFC 6962 2.1 written out recursively, as the reference the frontier is checked against."""
    if not leaves:
        return merkle.EMPTY_ROOT
    if len(leaves) == 1:
        return leaves[0]
    k = 1 << ((len(leaves) - 1).bit_length() - 1)
    return merkle.node_hash(_reference_root(leaves[:k]), _reference_root(leaves[k:]))


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=1, max_value=300), st.data())
def test_inclusion_proofs_hold_for_random_tree_sizes(size, data):
    leaves = _leaves(size)
    root = _reference_root(leaves)
    assert merkle.root(leaves) == root
    index = data.draw(st.integers(min_value=0, max_value=size - 1))
    proof = merkle.inclusion_proof(index, leaves)
    merkle.verify_inclusion(index, size, leaves[index], proof, root)
    other = data.draw(st.integers(min_value=0, max_value=size - 1))
    if other != index:
        with pytest.raises(ProofError):
            merkle.verify_inclusion(other, size, leaves[index], proof, root)


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=1, max_value=300), st.data())
def test_consistency_proofs_hold_for_random_tree_sizes(new, data):
    leaves = _leaves(new)
    old = data.draw(st.integers(min_value=0, max_value=new))
    proof = merkle.consistency_proof(old, leaves)
    merkle.verify_consistency(old, new, merkle.root(leaves[:old]), merkle.root(leaves), proof)
    if 0 < old < new:
        # the same proof does not tie a rewritten earlier tree to the later one
        rewritten = merkle.root([merkle.leaf_hash(b"forged"), *leaves[1:old]])
        with pytest.raises(ProofError):
            merkle.verify_consistency(old, new, rewritten, merkle.root(leaves), proof)


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=200), st.integers(min_value=0, max_value=200))
def test_a_frontier_extended_later_gives_the_same_root(first, more):
    """The compact range of a checkpoint, extended by the leaves since, is the whole tree."""
    leaves = _leaves(first + more)
    frontier = Frontier()
    frontier.extend(leaves[:first])
    assert len(frontier.hashes) == bin(first).count("1")
    resumed = Frontier.from_hex(frontier.size, frontier.to_hex())
    resumed.extend(leaves[first:])
    assert resumed.root() == _reference_root(leaves)


def test_a_frontier_of_the_wrong_shape_is_refused():
    with pytest.raises(ProofError):
        Frontier(3, [merkle.EMPTY_ROOT])
