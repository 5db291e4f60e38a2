using Collector.Storage;
using Npgsql;

namespace Collector.Tests.Storage;

/// <summary><c>--db</c> values: which store, and the PostgreSQL URL taken apart into Npgsql's settings.</summary>
public sealed class StoreUrlTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("sqlite")]
    [InlineData("SQLITE")]
    public void Absent_or_sqlite_is_sqlite(string? value)
    {
        StoreUrl url = StoreUrl.Parse(value);

        Assert.False(url.IsPostgres);
        Assert.Null(url.PostgresConnectionString);
        Assert.Equal("sqlite", url.ToString());
    }

    [Fact]
    public void A_full_url_sets_user_password_host_port_database_and_sslmode()
    {
        var b = Builder("postgres://edge:pw@db.plant.local:6543/events?sslmode=verify-full");

        Assert.Equal(("edge", "pw", "db.plant.local", 6543, "events", SslMode.VerifyFull), (b.Username, b.Password, b.Host, b.Port, b.Database, b.SslMode));
    }

    [Fact]
    public void Percent_encoded_user_and_password_are_decoded_and_the_port_defaults_to_5432()
    {
        var b = Builder("postgresql://ed%40ge:p%3Aw%2F%23%3F%40@10.0.0.5/edge%20db");

        Assert.Equal(("ed@ge", "p:w/#?@", "10.0.0.5", 5432, "edge db"), (b.Username, b.Password, b.Host, b.Port, b.Database));
        Assert.Equal(SslMode.Prefer, b.SslMode);
    }

    [Fact]
    public void An_ipv6_host_loses_its_brackets()
    {
        var b = Builder("postgres://edge@[::1]:5433/edge");

        Assert.Equal(("::1", 5433, null), (b.Host, b.Port, b.Password));
    }

    [Fact]
    public void The_readable_form_hides_the_password()
    {
        StoreUrl url = StoreUrl.Parse("postgres://edge:s3cret@db:5432/events?sslmode=require");

        Assert.Equal("postgres://edge:***@db:5432/events?sslmode=require", url.ToString());
        Assert.DoesNotContain("s3cret", url.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgres://db/edge", "postgres://db:5432/edge")]
    [InlineData("postgres://edge@[::1]/edge", "postgres://edge@[::1]:5432/edge")]
    public void The_readable_form_shows_what_was_given(string value, string expected) =>
        Assert.Equal(expected, StoreUrl.Parse(value).ToString());

    [Theory]
    [InlineData("mysql://edge:pw@db/edge")]
    [InlineData("db.plant.local/edge")]
    [InlineData("postgres:/edge")]
    [InlineData("postgres://edge:pw@/edge")]
    [InlineData("postgres://edge:pw@db:70000/edge")]
    [InlineData("postgres://edge:pw@db")]
    [InlineData("postgres://edge:pw@db/")]
    [InlineData("postgres://edge:pw@db/edge/more")]
    [InlineData("postgres://:pw@db/edge")]
    [InlineData("postgres://edge:pw@db/edge?sslmode=maybe")]
    [InlineData("postgres://edge:pw@db/edge?password=pw")]
    [InlineData("postgres://edge:p#w@db/edge")]
    public void A_bad_url_is_a_one_line_format_error_without_the_password(string value)
    {
        var error = Assert.Throws<FormatException>(() => StoreUrl.Parse(value));

        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain(":pw", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("p#w", error.Message, StringComparison.Ordinal);
    }

    private static NpgsqlConnectionStringBuilder Builder(string value)
    {
        StoreUrl url = StoreUrl.Parse(value);
        Assert.True(url.IsPostgres);
        return new NpgsqlConnectionStringBuilder(url.PostgresConnectionString);
    }
}
