"""``-f geojson``: the places of all documents as one RFC 7946 FeatureCollection.

One Feature per place entity per document, a ``Point`` at ``[lon, lat]`` (WGS 84, as RFC 7946
requires), or ``"geometry": null`` when the place could not be pinned down, so that nothing is
dropped silently. Properties carry the document ``source``, the entity's name, kind, geocode
fields and mentions (offsets into that document). Inputs that failed are listed in a
``failures`` member (RFC 7946 section 6.1 allows foreign members). Opens in QGIS and geojson.io.
"""

from __future__ import annotations

import json
from typing import IO, Any

from ..schema import Document, Entity, Failure, Result

PROPERTY_FIELDS = ("country", "admin1", "geonames_id", "feature", "geo_source", "geo_score")


def feature(doc: Document, entity: Entity) -> dict[str, Any]:
    """The GeoJSON Feature of one place entity of one document."""
    attrs = entity.attrs
    lat, lon = attrs.get("lat"), attrs.get("lon")
    geometry = None
    if isinstance(lat, (int, float)) and isinstance(lon, (int, float)):
        geometry = {"type": "Point", "coordinates": [round(float(lon), 5), round(float(lat), 5)]}
    props: dict[str, Any] = {
        "source": doc.source,
        "id": entity.id,
        "name": entity.name,
        "kind": entity.kind,
        **{k: attrs.get(k) for k in PROPERTY_FIELDS},
        "count": entity.count,
        "mentions": [{"start": m.start, "end": m.end, "text": m.text} for m in entity.mentions],
    }
    return {"type": "Feature", "geometry": geometry, "properties": props}


class GeoJsonRenderer:
    """Streams features as documents finish; the collection is closed by ``close``."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.count = 0
        self.failures: list[dict[str, Any]] = []
        self.stream.write('{"type": "FeatureCollection", "features": [')

    def write(self, result: Result) -> None:
        if isinstance(result, Failure):
            self.failures.append(result.to_dict())
            return
        for entity in result.entities:
            if entity.type != "LOC":
                continue
            self.stream.write(",\n" if self.count else "\n")
            self.stream.write(json.dumps(feature(result, entity), ensure_ascii=False))
            self.count += 1
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("\n]")
        if self.failures:
            self.stream.write(', "failures": ' + json.dumps(self.failures, ensure_ascii=False))
        self.stream.write("}\n")
        self.stream.flush()
