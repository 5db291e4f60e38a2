using Edge.Contracts.Topics;

namespace Edge.Contracts.Tests.Topics;

/// <summary>Site / sensor / group ids: the charset, the length, and a precise reason for each kind of violation.</summary>
public sealed class EdgeIdsTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("0")]
    [InlineData("plant-a")]
    [InlineData("Plant_A.line-1")]
    [InlineData("s7-line1")]
    public void Accepts(string id)
    {
        Assert.Equal(EdgeIdError.None, EdgeIds.Validate(id));
        Assert.True(EdgeIds.IsValid(id));
    }

    [Theory]
    [InlineData(null, EdgeIdError.Empty)]
    [InlineData("", EdgeIdError.Empty)]
    [InlineData("a+", EdgeIdError.Wildcard)]
    [InlineData("+", EdgeIdError.Wildcard)]
    [InlineData("#", EdgeIdError.Wildcard)]
    [InlineData("line#1", EdgeIdError.Wildcard)]
    [InlineData("a/b", EdgeIdError.LevelSeparator)]
    [InlineData("/", EdgeIdError.LevelSeparator)]
    [InlineData("$SYS", EdgeIdError.ReservedPrefix)]
    [InlineData("$share", EdgeIdError.ReservedPrefix)]
    [InlineData("-a", EdgeIdError.BadFirstCharacter)]
    [InlineData(".a", EdgeIdError.BadFirstCharacter)]
    [InlineData("_a", EdgeIdError.BadFirstCharacter)]
    [InlineData("a b", EdgeIdError.InvalidCharacter)]
    [InlineData("a:b", EdgeIdError.InvalidCharacter)]
    [InlineData("a$", EdgeIdError.InvalidCharacter)]
    [InlineData("usine-é", EdgeIdError.InvalidCharacter)]
    [InlineData("a\0", EdgeIdError.InvalidCharacter)]
    public void Rejects(string? id, EdgeIdError expected)
    {
        Assert.Equal(expected, EdgeIds.Validate(id));
        Assert.False(EdgeIds.IsValid(id));
        Assert.Throws<ArgumentException>(() => EdgeIds.ThrowIfInvalid(id, "id"));
    }

    [Fact]
    public void Length_limit()
    {
        Assert.Equal(EdgeIdError.None, EdgeIds.Validate(new string('a', EdgeIds.MaxLength)));
        Assert.Equal(EdgeIdError.TooLong, EdgeIds.Validate(new string('a', EdgeIds.MaxLength + 1)));
    }

    [Fact]
    public void Every_reason_has_its_own_sentence()
    {
        var sentences = new HashSet<string>(StringComparer.Ordinal);
        foreach (EdgeIdError error in Enum.GetValues<EdgeIdError>())
        {
            Assert.True(sentences.Add(EdgeIds.Describe(error, "x")));
        }

        Assert.Contains("'+' or '#'", EdgeIds.Describe(EdgeIdError.Wildcard, "a+"), StringComparison.Ordinal);
        Assert.Contains("65 characters", EdgeIds.Describe(EdgeIdError.TooLong, new string('a', 65)), StringComparison.Ordinal);
    }
}
