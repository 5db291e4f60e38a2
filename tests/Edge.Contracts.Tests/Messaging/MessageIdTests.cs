using Edge.Contracts.Messaging;

namespace Edge.Contracts.Tests.Messaging;

/// <summary>Message ids: &lt;sensor&gt;:&lt;run&gt;:&lt;sequence&gt;, formatted invariantly and parsed strictly.</summary>
public sealed class MessageIdTests
{
    [Fact]
    public void Formats_and_parses_back()
    {
        MessageId id = MessageId.Create("s7-line1", 1795809600000, 42);

        Assert.Equal("s7-line1:1795809600000:42", id.ToString());
        Assert.True(MessageId.TryParse(id.ToString(), out MessageId back));
        Assert.Equal(id, back);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("s7-line1:1795809600000")]
    [InlineData("s7-line1:1795809600000:42:1")]
    [InlineData("s7-line1:1795809600000:0")]
    [InlineData("s7-line1:-1:42")]
    [InlineData("s7-line1:+1:42")]
    [InlineData("s7-line1: 1:42")]
    [InlineData("s7-line1:1:4x")]
    [InlineData("s7-line1:1:99999999999999999999")]
    [InlineData("s7/line1:1:42")]
    [InlineData(":1:42")]
    public void Rejects(string? text) => Assert.False(MessageId.TryParse(text, out _));

    [Fact]
    public void Create_validates()
    {
        Assert.Throws<ArgumentException>(() => MessageId.Create("a+b", 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => MessageId.Create("a", -1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => MessageId.Create("a", 1, 0));
    }

    [Fact]
    public void Ids_of_one_run_are_distinct_and_those_of_two_runs_too()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (long sequence = 1; sequence <= 1000; sequence++)
        {
            Assert.True(seen.Add(MessageId.Create("s", 1000, sequence).ToString()));
            Assert.True(seen.Add(MessageId.Create("s", 1001, sequence).ToString()));
        }
    }
}
