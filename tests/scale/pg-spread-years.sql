-- Moves a make-scaled database's stores into the past: replica k's sales (invoice number prefixed with k, see
-- `make-scaled`) dated k years earlier, so N stores' year becomes one store's N years. Then `rollups --rebuild`.
-- What it measures: whether a month's rollup refresh costs the month's sales or the whole history's.
-- usage: psql -h 127.0.0.1 -U retailrecs -d DB -f tests/scale/pg-spread-years.sql
BEGIN;
UPDATE "Orders" o
SET "PlacedAt" = o."PlacedAt" - make_interval(years => s.k), "PlacedOn" = (o."PlacedOn" - make_interval(years => s.k))::date
FROM (SELECT "Id", CASE WHEN d ~ '^[0-9]{7,}$' THEN left(d, length(d) - 6)::int
                         WHEN d ~ '^[0-9]+[A-Z]' THEN substring(d FROM '^([0-9]+)')::int ELSE 0 END AS k
      FROM (SELECT "Id", regexp_replace("InvoiceNumber", '^C', '') AS d FROM "Orders") x) s
WHERE s."Id" = o."Id" AND s.k > 0;
COMMIT;
VACUUM ANALYZE "Orders";
SELECT extract(year FROM "PlacedOn") AS year, count(*) AS orders FROM "Orders" GROUP BY 1 ORDER BY 1;
