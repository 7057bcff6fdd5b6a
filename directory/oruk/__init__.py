"""Open Referral UK (ORUK) 3.0: the one mapping between our listings and ORUK objects.

Its modules, lowest first (each imports only those above it):

- `ids`: the ids of every ORUK object, derived from the listing's own;
- `extension`: the name, version and report fields of our SEND profile extension;
- `taxonomies`: our taxonomies and terms (and the ESD ones), and the listings each selects;
- `export`: listings to ORUK objects (read by the API, directory/api/);
- `parsing`: ORUK objects back to our fields (read by the importer, directory/importers/).

The API (directory/api/) writes ORUK objects with `export`; the importer
(directory/importers/oruk.py) reads them back with `parsing.record_from_service`. Keep both
directions in this package so that what we publish is exactly what we can read.

- Every listing is one ORUK **service**. A setting (school, nursery, college) is also an
  **organization** identified by its URN (`organization_identifiers`, scheme `GB-EDU`) whose one
  service describes its SEND provision; a service belongs to its provider's organization, or to its
  local authority's when no provider is named.
- Ids are UUIDs: a listing's is stored (`Listing.oruk_id`, made with uuid5 when the listing is
  created, or the source's id when it was imported), and every other id is a uuid5 of it, so ids
  survive re-imports and re-exports.
- Optional fields are omitted, never null or empty (`compact`).
- Our taxonomies (needs, setting types, service categories) and their counterparts in the LGA's
  ESD lists (directory/taxonomy.py) are published as taxonomies; each service carries its terms
  through `attributes`.
- Each service carries the SEND profile extension, `send_profile` (documented in README.md): the
  items of the national standard that ORUK has no field for.

Field names are those of the ORUK 3.0 JSON Schemas (openreferraluk.org/specifications/3.0) and,
where the UK profile has no field, of HSDS 3.0 (`summary`, `phones`, `eligibility_description`,
`application_process`, `address_2`), which the schemas allow as extra properties.
"""
