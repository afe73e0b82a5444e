#!/usr/bin/env bash
# A larger chain's database from a smaller one's (issue #15): copies the customers, products, orders and lines of a
# SQLite database TIMES-1 more times with new ids (customer and product codes suffixed /k, invoice numbers prefixed Sk-,
# so they never meet `make-scaled`'s own -k), names and descriptions suffixed " k" as `make-scaled` does; then marks every month for the rollups' refresh and ANALYZEs.
# Minutes instead of the import's half hour at 100×; the dashboard and lookup benchmarks read the result.
#   usage: tests/scale/copy-times.sh SOURCE.db OUT.db [TIMES=10]   then: retailrecs rollups --database OUT.db
set -euo pipefail
source=$1 out=$2 times=${3:-10}
cp "$source" "$out"
max() { sqlite3 "$out" "SELECT MAX(Id) FROM $1"; }
customers=$(max Customers) products=$(max Products) orders=$(max Orders) lines=$(max OrderLines)
sql="PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; BEGIN;"
for k in $(seq 1 $((times - 1))); do
  sql+="
INSERT INTO Customers SELECT Id + $k * $customers, CustomerCode || '/$k', FirstName, LastName, Email, Phone, LoyaltyNumber, Country,
  Region, BirthYear, Gender, JoinedOn, PersonalizationOptOut, HasFictionalProfile, SearchEmail, SearchFirstName, SearchLastName,
  SearchLoyaltyNumber, SearchPhone, SearchPhoneReversed FROM Customers WHERE Id <= $customers;
INSERT INTO Products SELECT Id + $k * $products, Brand, Category, CreatedAt, Description || ' $k', IsActive, IsNonMerchandise, Name || ' $k',
  Sku || '/$k', UnitPrice, AutoCategory, IsSensitive, PictureUrl FROM Products WHERE Id <= $products;
INSERT INTO Orders SELECT Id + $k * $orders, 'S$k-' || InvoiceNumber, CustomerId + $k * $customers, StoreId, PlacedAt, IsCancellation,
  ImportBatchId, Items, LineCount, PlacedOn, Revenue, IsAnonymised FROM Orders WHERE Id <= $orders;
INSERT INTO OrderLines SELECT Id + $k * $lines, LineNumber, OrderId + $k * $orders, ProductId + $k * $products, Quantity, UnitPrice,
  QuantityUnknown FROM OrderLines WHERE Id <= $lines;"
done
sql+="
INSERT INTO RollupDirtyMonths (Month) SELECT DISTINCT substr(PlacedOn, 1, 8) || '01' FROM Orders WHERE Id <= $orders;
COMMIT; ANALYZE;"
sqlite3 "$out" "$sql"
sqlite3 "$out" 'SELECT COUNT(*) || " customers, " FROM Customers; SELECT COUNT(*) || " products, " FROM Products; SELECT COUNT(*) || " orders, " FROM Orders; SELECT COUNT(*) || " lines" FROM OrderLines' | tr -d '\n'; echo
