using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RetailRecs.Core.Data.Migrations.SqlServer
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
                UPDATE "Customers" SET "SearchFirstName" = SUBSTRING(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE("SearchFirstName", N'ł', N'l'), N'ø', N'o'), N'đ', N'd'), N'ð', N'd'), N'ı', N'i'), N'ħ', N'h'), N'æ', N'ae'), N'œ', N'oe'), N'ß', N'ss'), N'þ', N'th'), 1, 100)
                WHERE "SearchFirstName" <> REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE("SearchFirstName", N'ł', N'l'), N'ø', N'o'), N'đ', N'd'), N'ð', N'd'), N'ı', N'i'), N'ħ', N'h'), N'æ', N'ae'), N'œ', N'oe'), N'ß', N'ss'), N'þ', N'th');
                UPDATE "Customers" SET "SearchLastName" = SUBSTRING(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE("SearchLastName", N'ł', N'l'), N'ø', N'o'), N'đ', N'd'), N'ð', N'd'), N'ı', N'i'), N'ħ', N'h'), N'æ', N'ae'), N'œ', N'oe'), N'ß', N'ss'), N'þ', N'th'), 1, 100)
                WHERE "SearchLastName" <> REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE("SearchLastName", N'ł', N'l'), N'ø', N'o'), N'đ', N'd'), N'ð', N'd'), N'ı', N'i'), N'ħ', N'h'), N'æ', N'ae'), N'œ', N'oe'), N'ß', N'ss'), N'þ', N'th');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
