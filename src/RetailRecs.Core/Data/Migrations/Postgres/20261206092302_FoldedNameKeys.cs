using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RetailRecs.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FoldedNameKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Keys stored before SearchKeys.Letters: "łukasz" becomes "lukasz", as the associate's "Łukasz" now does
            // (keys of at most 100 characters, as SearchKeys.MaxLength cuts them).
            migrationBuilder.Sql("""
                UPDATE "Customers" SET "SearchFirstName" = substr(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE("SearchFirstName", 'ł', 'l'), 'ø', 'o'), 'đ', 'd'), 'ð', 'd'), 'ı', 'i'), 'ħ', 'h'), 'æ', 'ae'), 'œ', 'oe'), 'ß', 'ss'), 'þ', 'th'), 1, 100)
                WHERE "SearchFirstName" <> REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE("SearchFirstName", 'ł', 'l'), 'ø', 'o'), 'đ', 'd'), 'ð', 'd'), 'ı', 'i'), 'ħ', 'h'), 'æ', 'ae'), 'œ', 'oe'), 'ß', 'ss'), 'þ', 'th');
                UPDATE "Customers" SET "SearchLastName" = substr(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE("SearchLastName", 'ł', 'l'), 'ø', 'o'), 'đ', 'd'), 'ð', 'd'), 'ı', 'i'), 'ħ', 'h'), 'æ', 'ae'), 'œ', 'oe'), 'ß', 'ss'), 'þ', 'th'), 1, 100)
                WHERE "SearchLastName" <> REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE("SearchLastName", 'ł', 'l'), 'ø', 'o'), 'đ', 'd'), 'ð', 'd'), 'ı', 'i'), 'ħ', 'h'), 'æ', 'ae'), 'œ', 'oe'), 'ß', 'ss'), 'þ', 'th');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
