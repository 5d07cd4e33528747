"""A vectorised Mapbox Vector Tile (v2) encoder for geometries already in tile space.

The per-feature Python loop of a general encoder dominates a SpatiaLite tile with thousands of
parcels; here the command streams of all features are built with numpy in one pass (zigzag
deltas, command integers, varints) and only the small per-feature envelopes are joined in Python.
Input geometries are in tile coordinates with the y axis pointing down, snapped to integers.
"""

from __future__ import annotations

import struct
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import shapely

MOVE_TO, LINE_TO, CLOSE_PATH = 1, 2, 7
POINT, LINESTRING, POLYGON = 1, 2, 3


def _varints(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(bytes of all values as protobuf varints, number of bytes per value)."""
    v = values.astype(np.uint64)
    nbytes = 1 + (v >= 1 << 7) + (v >= 1 << 14) + (v >= 1 << 21) + (v >= 1 << 28)
    nbytes = nbytes.astype(np.int64)
    shifts = np.arange(5, dtype=np.uint64) * np.uint64(7)
    groups = ((v[:, None] >> shifts[None, :]) & np.uint64(0x7F)).astype(np.uint8)
    position = np.arange(5)[None, :]
    more = position < (nbytes[:, None] - 1)
    groups = groups | (more.astype(np.uint8) << np.uint8(7))
    keep = position < nbytes[:, None]
    return groups[keep], nbytes


def _varint(value: int) -> bytes:
    if 0 <= value < len(_SMALL):
        return _SMALL[value]
    return _varint_slow(value)


def _varint_slow(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


_SMALL = [_varint_slow(i) for i in range(1 << 14)]


def _zigzag(d: np.ndarray) -> np.ndarray:
    d = d.astype(np.int64)
    return ((d << 1) ^ (d >> 63)).astype(np.uint64)


def _paths_stream(
    coords: np.ndarray, path_feature: np.ndarray, path_len: np.ndarray, closed: bool
) -> tuple[np.ndarray, np.ndarray]:
    """Command integers for paths (rings without their closing point, or lines), and per path
    the start of its stream. Deltas run on across the paths of one feature."""
    n_paths = len(path_len)
    starts = _exclusive_cumsum(path_len)
    point_path = np.repeat(np.arange(n_paths), path_len)
    # delta to the previous point of the same feature; the first point of a feature from (0, 0)
    prev = np.vstack(([0, 0], coords[:-1]))
    first_of_feature = np.ones(len(coords), dtype=bool)
    if len(coords) > 1:
        same = path_feature[point_path[1:]] == path_feature[point_path[:-1]]
        first_of_feature[1:] = ~same
    prev[first_of_feature] = 0
    deltas = _zigzag(coords - prev)
    stream_len = 2 * path_len + 2 + (1 if closed else 0)
    offsets = _exclusive_cumsum(stream_len)
    out = np.zeros(int(stream_len.sum()), dtype=np.uint64)
    k = np.arange(len(coords)) - np.repeat(starts, path_len)
    index = np.repeat(offsets, path_len) + 1 + 2 * k + (k >= 1)
    out[index] = deltas[:, 0]
    out[index + 1] = deltas[:, 1]
    out[offsets] = MOVE_TO | (1 << 3)
    out[offsets + 3] = LINE_TO | ((path_len - 1).astype(np.uint64) << np.uint64(3))
    if closed:
        out[offsets + stream_len - 1] = CLOSE_PATH | (1 << 3)
    return out, offsets


def _without_repeats(coords: np.ndarray, path: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Drop a point equal to the one before it on the same path (MVT forbids zero-length moves)."""
    repeat = np.zeros(len(coords), dtype=bool)
    repeat[1:] = (path[1:] == path[:-1]) & np.all(coords[1:] == coords[:-1], axis=1)
    return coords[~repeat], path[~repeat]


def polygon_ragged(geoms: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(coordinates, ring offsets, polygon offsets, feature offsets) of (multi)polygons, as
    `shapely.to_ragged_array` gives them for multipolygons (a polygon is a feature of one part)."""
    kind, coords, offsets = shapely.to_ragged_array(geoms)
    ring_offsets = offsets[0].astype(np.int64)
    part_offsets = offsets[1].astype(np.int64)
    if kind == shapely.GeometryType.MULTIPOLYGON:
        feature_offsets = offsets[2].astype(np.int64)
    else:
        feature_offsets = np.arange(len(part_offsets), dtype=np.int64)
    return coords, ring_offsets, part_offsets, feature_offsets


def ring_areas(coords: np.ndarray, ring_offsets: np.ndarray, point_ring: np.ndarray) -> np.ndarray:
    """Signed shoelace area per closed ring (the last point repeats the first); `point_ring` is
    the ring of each point. Each ring is shifted to its first point first, which keeps the
    precision for large coordinates (RD metres) and changes nothing for pixel integers."""
    local = coords - coords[ring_offsets[:-1][point_ring]]
    x, y = local[:, 0], local[:, 1]
    cross = x[:-1] * y[1:] - x[1:] * y[:-1]
    same = point_ring[:-1] == point_ring[1:]
    return np.bincount(point_ring[:-1][same], weights=cross[same], minlength=len(ring_offsets) - 1) / 2


def _polygon_rings(
    coords: np.ndarray, ring_offsets: np.ndarray, part_offsets: np.ndarray, feature_offsets: np.ndarray
) -> tuple[np.ndarray, np.ndarray, int, np.ndarray, np.ndarray]:
    """Rings of (multi)polygons as flat arrays, oriented for y down (exterior positive area, holes
    negative) and without polygons of no area: (coordinates, ring per point, number of rings,
    polygon per ring, feature per ring). One pass over flat arrays; no geometry objects per part."""
    n_rings, n_parts = len(ring_offsets) - 1, len(part_offsets) - 1
    ring_len = np.diff(ring_offsets)
    ring_part = np.repeat(np.arange(n_parts), np.diff(part_offsets))
    part_feature = np.repeat(np.arange(len(feature_offsets) - 1), np.diff(feature_offsets))
    point_ring = np.repeat(np.arange(n_rings), ring_len)
    area = ring_areas(coords, ring_offsets, point_ring)
    exterior = np.zeros(n_rings, dtype=bool)
    exterior[part_offsets[:-1][np.diff(part_offsets) > 0]] = True
    part_area = np.bincount(ring_part, weights=np.where(exterior, 1, -1) * np.abs(area), minlength=n_parts)
    flip = np.where(exterior, area < 0, area > 0)
    if flip.any():
        index = np.arange(len(coords))
        flipped = flip[point_ring]
        start, end = ring_offsets[:-1][point_ring], ring_offsets[1:][point_ring]
        index[flipped] = (start + end - 1 - index)[flipped]
        coords = coords[index]
    keep_ring = part_area[ring_part] > 0
    keep_point = keep_ring[point_ring]
    rings = np.flatnonzero(keep_ring)
    renumber = np.cumsum(keep_ring) - 1
    return (
        coords[keep_point],
        renumber[point_ring[keep_point]],
        len(rings),
        ring_part[rings],
        part_feature[ring_part[rings]],
    )


def _geometry_streams(geoms: np.ndarray) -> tuple[int, np.ndarray, np.ndarray, np.ndarray]:
    """(geometry type, packed geometries of the kept features as one byte array, bytes per kept
    feature, indices of the kept features)."""
    kinds = shapely.get_type_id(geoms)
    if np.all(np.isin(kinds, (0, 4))):  # points
        coords, feature = shapely.get_coordinates(geoms, return_index=True)
        coords = coords.astype(np.int64)
        counts = np.bincount(feature, minlength=len(geoms))
        kept = np.flatnonzero(counts)
        prev = np.vstack(([0, 0], coords[:-1]))
        first = np.ones(len(coords), dtype=bool)
        first[1:] = feature[1:] != feature[:-1]
        prev[first] = 0
        deltas = _zigzag(coords - prev)
        streams = []
        start = 0
        for i in kept:
            n = counts[i]
            values = np.concatenate(([MOVE_TO | (int(n) << 3)], deltas[start : start + n].ravel())).astype(
                np.uint64
            )
            data, _ = _varints(values)
            streams.append(data)
            start += n
        lengths = np.array([len(d) for d in streams], dtype=np.int64)
        raw = np.concatenate(streams) if streams else np.zeros(0, dtype=np.uint8)
        return POINT, raw, lengths, kept
    if np.all(np.isin(kinds, (3, 6))):
        return _polygon_streams(*polygon_ragged(geoms))
    paths, path_feature = shapely.get_parts(geoms, return_index=True)
    coords, point_path = _without_repeats(*shapely.get_coordinates(paths, return_index=True))
    lengths = np.bincount(point_path, minlength=len(paths))
    return _path_streams(coords, point_path, lengths, path_feature, None)


def _polygon_streams(
    coords: np.ndarray, ring_offsets: np.ndarray, part_offsets: np.ndarray, feature_offsets: np.ndarray
) -> tuple[int, np.ndarray, np.ndarray, np.ndarray]:
    """As `_geometry_streams`, for (multi)polygons given as ragged arrays (`polygon_ragged`)."""
    coords, point_path, n_paths, path_part, path_feature = _polygon_rings(
        coords, ring_offsets, part_offsets, feature_offsets
    )
    if not n_paths:
        return POLYGON, *_NOTHING
    coords, point_path = _without_repeats(coords, point_path)
    lengths = np.bincount(point_path, minlength=n_paths)
    # drop each ring's closing point (equal to its first)
    ends = np.cumsum(lengths)
    starts = ends - lengths
    closing = (lengths > 1) & np.all(
        coords[np.maximum(ends - 1, 0)] == coords[np.minimum(starts, len(coords) - 1)], axis=1
    )
    keep_point = np.ones(len(coords), dtype=bool)
    keep_point[(ends - 1)[closing]] = False
    coords, point_path = coords[keep_point], point_path[keep_point]
    lengths = lengths - closing
    return _path_streams(coords, point_path, lengths, path_feature, path_part)


def _path_streams(
    coords: np.ndarray,
    point_path: np.ndarray,
    lengths: np.ndarray,
    path_feature: np.ndarray,
    path_part: np.ndarray | None,
) -> tuple[int, np.ndarray, np.ndarray, np.ndarray]:
    """Streams of lines (`path_part` None) or of rings (polygon per ring), paths grouped by feature."""
    closed = path_part is not None
    minimum = 3 if closed else 2
    # rings and lines too small to draw after snapping go; a polygon whose exterior went loses its holes too
    good_path = lengths >= minimum
    if path_part is not None:
        n_paths = len(lengths)
        exterior = np.zeros(n_paths, dtype=bool)
        exterior[np.concatenate(([0], np.flatnonzero(np.diff(path_part)) + 1))] = True
        part_ok = np.zeros(int(path_part.max()) + 1 if len(path_part) else 0, dtype=bool)
        part_ok[path_part[exterior & good_path]] = True
        good_path &= part_ok[path_part]
    keep_point = good_path[point_path]
    coords = coords[keep_point].astype(np.int64)
    path_feature, lengths = path_feature[good_path], lengths[good_path]
    if not len(lengths):
        return (POLYGON if closed else LINESTRING), *_NOTHING
    stream, stream_start = _paths_stream(coords, path_feature, lengths, closed)
    data, nbytes = _varints(stream)
    path_bytes = np.add.reduceat(nbytes, stream_start)
    kept, first_path = np.unique(path_feature, return_index=True)
    feature_bytes = np.add.reduceat(path_bytes, first_path)
    return (POLYGON if closed else LINESTRING), data, feature_bytes.astype(np.int64), kept


_NOTHING = (np.zeros(0, dtype=np.uint8), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))


def _value(value: Any) -> bytes:
    if isinstance(value, bool):
        body = b"\x38" + (b"\x01" if value else b"\x00")
    elif isinstance(value, int) and value >= 0:
        body = b"\x28" + _varint(value)
    elif isinstance(value, int):
        body = b"\x30" + _varint((value << 1) ^ (value >> 63))
    elif isinstance(value, float):
        body = b"\x19" + struct.pack("<d", value)
    else:
        text = str(value).encode()
        body = b"\x0a" + _varint(len(text)) + text
    return body


def _exclusive_cumsum(values: np.ndarray) -> np.ndarray:
    out = np.zeros(len(values), dtype=np.int64)
    if len(values) > 1:
        np.cumsum(values[:-1], out=out[1:])
    return out


def _interleave(pieces: list[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
    """Bytes of all features, each feature the concatenation of its share of every piece.

    A piece is (all its bytes in feature order, bytes per feature); one scatter per piece instead
    of a Python loop over features."""
    lengths = np.stack([length for _, length in pieces], axis=1)
    feature_start = _exclusive_cumsum(lengths.sum(axis=1))
    piece_start = feature_start[:, None] + np.cumsum(lengths, axis=1) - lengths
    out = np.empty(int(lengths.sum()), dtype=np.uint8)
    for p, (data, length) in enumerate(pieces):
        if not len(data):
            continue
        shift = piece_start[:, p] - _exclusive_cumsum(length)
        out[np.repeat(shift, length) + np.arange(len(data))] = data
    return out


def _columns(properties: list[dict[str, Any]]) -> dict[str, list[Any]]:
    names: dict[str, None] = {}
    for props in properties:
        names.update(dict.fromkeys(props))
    return {name: [props.get(name) for props in properties] for name in names}


def encode_layer(name: str, geoms: np.ndarray, properties: list[dict[str, Any]], extent: int = 4096) -> bytes:
    """One MVT tile with one layer; `geoms` in tile space (y down, integers), one family."""
    return encode_columns(name, geoms, _columns(properties), extent)


def encode_columns(
    name: str, geoms: np.ndarray, columns: Mapping[str, Sequence[Any]], extent: int = 4096
) -> bytes:
    """As `encode_layer`, with the attributes as columns (one value per geometry, None = absent).

    Geometry streams, tags and feature envelopes are all built with numpy; Python loops only
    over the attribute values (to number the distinct ones) and the distinct values themselves."""
    if len(geoms) == 0:
        return b""
    return _encode_streams(name, *_geometry_streams(np.asarray(geoms, dtype=object)), columns, extent)


def encode_polygons(
    name: str,
    coords: np.ndarray,
    ring_offsets: np.ndarray,
    part_offsets: np.ndarray,
    feature_offsets: np.ndarray,
    columns: Mapping[str, Sequence[Any]],
    extent: int = 4096,
) -> bytes:
    """As `encode_columns`, for polygons already as ragged arrays in tile space (`polygon_ragged`):
    coordinates (n × 2), ring offsets into them, polygon offsets into the rings and feature offsets
    into the polygons. A feature with no polygon is left out; `columns` has a value per feature."""
    if len(feature_offsets) <= 1:
        return b""
    streams = _polygon_streams(
        coords,
        np.asarray(ring_offsets, dtype=np.int64),
        np.asarray(part_offsets, dtype=np.int64),
        np.asarray(feature_offsets, dtype=np.int64),
    )
    return _encode_streams(name, *streams, columns, extent)


def _encode_streams(
    name: str,
    geom_type: int,
    raw: np.ndarray,
    stream_len: np.ndarray,
    kept: np.ndarray,
    columns: Mapping[str, Sequence[Any]],
    extent: int,
) -> bytes:
    """The layer around the geometry streams of the kept features, with their attributes."""
    if not len(kept):
        return b""
    n = len(kept)
    kept_list = kept.tolist()
    keys: list[str] = []
    # distinct values numbered in order of appearance; a text is its own key (it never equals a
    # value of another type), other values are keyed with their type (1, 1.0 and True differ)
    values: dict[Any, int] = {}
    number = values.setdefault
    key_columns, value_columns = [], []
    for key, column in columns.items():
        index = np.array(
            [
                -1
                if (value := column[i]) is None
                else number(value if type(value) is str else (type(value), value), len(values))
                for i in kept_list
            ],
            dtype=np.int64,
        )
        if (index >= 0).any():
            key_columns.append(np.full(n, len(keys), dtype=np.int64))
            value_columns.append(index)
            keys.append(key)
    if keys:
        pairs = np.stack([np.stack(key_columns, axis=1), np.stack(value_columns, axis=1)], axis=2)
        present = np.repeat((np.stack(value_columns, axis=1) >= 0)[:, :, None], 2, axis=2)
        tag_values = pairs[present]
        tag_feature = np.repeat(np.arange(n), present.reshape(n, -1).sum(axis=1))
        tag_data, tag_nbytes = _varints(tag_values)
        tag_len = np.bincount(tag_feature, weights=tag_nbytes, minlength=n).astype(np.int64)
    else:
        tag_data, tag_len = np.zeros(0, dtype=np.uint8), np.zeros(n, dtype=np.int64)
    has_tags = tag_len > 0
    tag_len_data, tag_len_nbytes = _varints(tag_len[has_tags])
    tag_len_bytes = np.zeros(n, dtype=np.int64)
    tag_len_bytes[has_tags] = tag_len_nbytes
    stream_len_data, stream_len_nbytes = _varints(stream_len)
    body_len = has_tags * (1 + tag_len_bytes + tag_len) + 3 + stream_len_nbytes + stream_len
    body_len_data, body_len_nbytes = _varints(body_len)
    ones = np.ones(n, dtype=np.int64)
    middle = np.tile(np.array([0x18, geom_type, 0x22], dtype=np.uint8), n)
    features = _interleave(
        [
            (np.full(n, 0x12, dtype=np.uint8), ones),
            (body_len_data, body_len_nbytes),
            (np.full(int(has_tags.sum()), 0x12, dtype=np.uint8), has_tags.astype(np.int64)),
            (tag_len_data, tag_len_bytes),
            (tag_data, tag_len),
            (middle, 3 * ones),
            (stream_len_data, stream_len_nbytes),
            (raw, stream_len),
        ]
    )
    encoded_name = name.encode()
    layer = [b"\x78\x02", b"\x0a" + _varint(len(encoded_name)) + encoded_name, features.tobytes()]
    layer += [b"\x1a" + _varint(len(k.encode())) + k.encode() for k in keys]
    for value in values:  # dicts keep insertion order: the order of the numbers
        if type(value) is str:
            text = value.encode()
            if len(text) < 126:  # both lengths fit in one byte
                layer.append(bytes((0x22, len(text) + 2, 0x0A, len(text))) + text)
                continue
            body = b"\x0a" + _varint(len(text)) + text
        else:
            body = _value(value[1])
        layer.append(b"\x22" + _varint(len(body)) + body)
    layer.append(b"\x28" + _varint(extent))
    layer_bytes = b"".join(layer)
    return b"\x1a" + _varint(len(layer_bytes)) + layer_bytes
