using EdgeSensor.Plant.Identity;

namespace EdgeSensor.Tests.Plant.Identity;

public sealed class IdentityTextTests
{
    [Theory]
    [InlineData("6ES7 315-2EH14-0AB0 ", "6ES7 315-2EH14-0AB0")]
    [InlineData("SNAP7-SERVER\0\0\0\0", "SNAP7-SERVER")]
    [InlineData("A\0hidden", "A")]                       // ends at the first NUL, as Wireshark shows it
    [InlineData("   ", null)]
    [InlineData("\0\0", null)]
    [InlineData("", null)]
    [InlineData("\tname\r\n", "name")]
    [InlineData("a\u001bb\u007fc", "a\uFFFDb\uFFFDc")]
    public void Sanitises(string raw, string? expected)
    {
        byte[] bytes = raw.Select(c => (byte)c).ToArray();
        Assert.Equal(expected, IdentityText.ToText(bytes));
    }

    [Fact]
    public void Non_ascii_bytes_are_replaced()
    {
        Assert.Equal("Stra\uFFFD\uFFFDe", IdentityText.ToText("Straße"u8));
    }

    [Fact]
    public void Length_is_capped()
    {
        byte[] longText = Enumerable.Repeat((byte)'x', 300).ToArray();
        Assert.Equal(IdentityText.MaxLength, IdentityText.ToText(longText)!.Length);
        Assert.Equal("xxxx", IdentityText.ToText(longText, 4));
        Assert.Equal("ab", IdentityText.ToText("ab   cd"u8, 4));
    }

    [Fact]
    public void Unchanged_text_keeps_the_instance_and_allocates_nothing()
    {
        string? field = null;
        Assert.True(IdentityText.Update(ref field, "PLC_1\0\0"u8));
        string first = field!;
        byte[] again = "PLC_1 "u8.ToArray();
        IdentityText.Update(ref field, again);
        long before = GC.GetAllocatedBytesForCurrentThread();
        bool changed = IdentityText.Update(ref field, again);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.False(changed);
        Assert.Same(first, field);
        Assert.True(IdentityText.Update(ref field, "   "u8));
        Assert.Null(field);
    }
}
