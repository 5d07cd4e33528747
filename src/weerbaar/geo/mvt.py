"""A vectorised Mapbox Vector Tile (v2) encoder for geometries already in tile space.

The per-feature Python loop of a general encoder dominates a SpatiaLite tile with thousands of
parcels; here the command streams of all features are built with numpy in one pass (zigzag
deltas, command integers, varints) and only the small per-feature envelopes are joined in Python.
Input geometries are in tile coordinates with the y axis pointing down, snapped to integers.
"""

from __future__ import annotations

import struct
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
    groups = groups | (more.astype(np.uint8) << 7)
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
    the length of its stream. Deltas run on across the paths of one feature."""
    n_paths = len(path_len)
    starts = np.concatenate(([0], np.cumsum(path_len)[:-1]))
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
    offsets = np.concatenate(([0], np.cumsum(stream_len)[:-1]))
    out = np.zeros(int(stream_len.sum()), dtype=np.uint64)
    k = np.arange(len(coords)) - np.repeat(starts, path_len)
    index = np.repeat(offsets, path_len) + 1 + 2 * k + (k >= 1)
    out[index] = deltas[:, 0]
    out[index + 1] = deltas[:, 1]
    out[offsets] = MOVE_TO | (1 << 3)
    out[offsets + 3] = LINE_TO | ((path_len - 1).astype(np.uint64) << np.uint64(3))
    if closed:
        out[offsets + stream_len - 1] = CLOSE_PATH | (1 << 3)
    return out, stream_len


def _without_repeats(coords: np.ndarray, path: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Drop a point equal to the one before it on the same path (MVT forbids zero-length moves)."""
    repeat = np.zeros(len(coords), dtype=bool)
    repeat[1:] = (path[1:] == path[:-1]) & np.all(coords[1:] == coords[:-1], axis=1)
    return coords[~repeat], path[~repeat]


def _geometry_streams(geoms: np.ndarray) -> tuple[int, list[bytes], np.ndarray]:
    """(geometry type, packed geometry per kept feature, indices of the kept features)."""
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
            streams.append(data.tobytes())
            start += n
        return POINT, streams, kept
    closed = bool(np.all(np.isin(kinds, (3, 6))))
    if closed:
        parts, part_feature = shapely.get_parts(geoms, return_index=True)
        drawable = shapely.area(parts) > 0
        parts, part_feature = parts[drawable], part_feature[drawable]
        if not len(parts):
            return POLYGON, [], np.array([], dtype=np.int64)
        parts = shapely.orient_polygons(parts, exterior_cw=False)  # y down: exterior positive area
        paths, path_part = shapely.get_rings(parts, return_index=True)
        path_feature = part_feature[path_part]
        coords, point_path = _without_repeats(*shapely.get_coordinates(paths, return_index=True))
        lengths = np.bincount(point_path, minlength=len(paths))
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
        minimum = 3
    else:
        paths, path_feature = shapely.get_parts(geoms, return_index=True)
        coords, point_path = _without_repeats(*shapely.get_coordinates(paths, return_index=True))
        lengths = np.bincount(point_path, minlength=len(paths))
        minimum = 2
    # rings and lines too small to draw after snapping go; a polygon whose exterior went loses its holes too
    good_path = lengths >= minimum
    if closed:
        exterior = np.zeros(len(paths), dtype=bool)
        exterior[np.concatenate(([0], np.flatnonzero(np.diff(path_part)) + 1))] = True
        part_ok = np.zeros(int(path_part.max()) + 1 if len(path_part) else 0, dtype=bool)
        part_ok[path_part[exterior & good_path]] = True
        good_path &= part_ok[path_part]
    keep_point = good_path[point_path]
    coords = coords[keep_point].astype(np.int64)
    path_feature, lengths = path_feature[good_path], lengths[good_path]
    if not len(lengths):
        return (POLYGON if closed else LINESTRING), [], np.array([], dtype=np.int64)
    stream, stream_len = _paths_stream(coords, path_feature, lengths, closed)
    data, nbytes = _varints(stream)
    path_bytes = np.add.reduceat(nbytes, np.concatenate(([0], np.cumsum(stream_len)[:-1])))
    kept, first_path = np.unique(path_feature, return_index=True)
    feature_bytes = np.add.reduceat(path_bytes, first_path)
    ends = np.cumsum(feature_bytes)
    starts = ends - feature_bytes
    raw = data.tobytes()
    streams = [raw[s:e] for s, e in zip(starts.tolist(), ends.tolist(), strict=True)]
    return (POLYGON if closed else LINESTRING), streams, kept


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


def encode_layer(name: str, geoms: np.ndarray, properties: list[dict[str, Any]], extent: int = 4096) -> bytes:
    """One MVT tile with one layer; `geoms` in tile space (y down, integers), one family."""
    if len(geoms) == 0:
        return b""
    geom_type, streams, kept = _geometry_streams(np.asarray(geoms, dtype=object))
    if not streams:
        return b""
    keys: dict[str, int] = {}
    values: dict[tuple[type, Any], int] = {}
    features = []
    for stream, i in zip(streams, kept.tolist(), strict=True):
        tags = []
        for key, value in properties[i].items():
            if value is None:
                continue
            k = keys.setdefault(key, len(keys))
            v = values.setdefault((type(value), value), len(values))
            tags += [k, v]
        tag_bytes = b"".join(_varint(t) for t in tags)
        body = (
            (b"\x12" + _varint(len(tag_bytes)) + tag_bytes if tag_bytes else b"")
            + b"\x18"
            + bytes([geom_type])
            + b"\x22"
            + _varint(len(stream))
            + stream
        )
        features.append(b"\x12" + _varint(len(body)) + body)
    encoded_name = name.encode()
    layer = [b"\x78\x02", b"\x0a" + _varint(len(encoded_name)) + encoded_name, *features]
    layer += [b"\x1a" + _varint(len(k.encode())) + k.encode() for k in keys]
    for (_kind, value), _index in sorted(values.items(), key=lambda item: item[1]):
        body = _value(value)
        layer.append(b"\x22" + _varint(len(body)) + body)
    layer.append(b"\x28" + _varint(extent))
    layer_bytes = b"".join(layer)
    return b"\x1a" + _varint(len(layer_bytes)) + layer_bytes
