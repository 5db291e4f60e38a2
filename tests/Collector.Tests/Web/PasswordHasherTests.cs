using Collector.Web.Auth;

namespace Collector.Tests.Web;

public sealed class PasswordHasherTests
{
    [Fact]
    public void A_hash_verifies_its_password_only()
    {
        string hash = PasswordHasher.Hash("correct horse battery", iterations: 1000);
        Assert.True(PasswordHasher.Verify("correct horse battery", hash));
        Assert.False(PasswordHasher.Verify("correct horse batterY", hash));
        Assert.False(PasswordHasher.Verify(string.Empty, hash));
    }

    [Fact]
    public void Hashes_are_salted_and_carry_their_cost()
    {
        string a = PasswordHasher.Hash("same password!", iterations: 1000);
        string b = PasswordHasher.Hash("same password!", iterations: 1000);
        Assert.NotEqual(a, b);
        string[] parts = a.Split('$');
        Assert.Equal(["pbkdf2-sha256", "1000"], parts[..2]);
        Assert.Equal(16, Convert.FromBase64String(parts[2]).Length);
        Assert.Equal(32, Convert.FromBase64String(parts[3]).Length);
        Assert.StartsWith("pbkdf2-sha256$600000$", PasswordHasher.Hash("default cost"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("pbkdf2-sha256$1000$abc")]
    [InlineData("md5$1$AAAA$AAAA")]
    [InlineData("pbkdf2-sha256$-1$AAAA$AAAA")]
    [InlineData("pbkdf2-sha256$1000$not base64!$AAAA")]
    public void A_malformed_hash_never_verifies(string stored) => Assert.False(PasswordHasher.Verify("anything", stored));

    [Fact]
    public void Generated_passwords_are_long_and_different()
    {
        string a = PasswordHasher.NewPassword();
        Assert.Equal(20, a.Length);
        Assert.NotEqual(a, PasswordHasher.NewPassword());
    }

    [Fact]
    public void Api_tokens_are_random_and_stored_as_their_hash()
    {
        string token = ApiToken.New();
        Assert.StartsWith("edge_", token, StringComparison.Ordinal);
        Assert.True(ApiToken.LooksLikeToken(token));
        Assert.NotEqual(token, ApiToken.New());
        Assert.Equal(64, ApiToken.HashOf(token).Length);
        Assert.DoesNotContain(token, ApiToken.HashOf(token), StringComparison.Ordinal);
    }
}
