using Edge.Contracts.Discovery;
using static Edge.Contracts.Tests.Discovery.DnsFixtures;

namespace Edge.Contracts.Tests.Discovery;

/// <summary>Never throws, whatever the bytes; every strict prefix of a valid message is malformed.</summary>
public class DnsMessageParserPropertyTests
{
    public static TheoryData<string> Fixtures => new() { nameof(PtrQueryQu), nameof(CompressedResponse) };

    private static byte[] Fixture(string name) => name == nameof(PtrQueryQu) ? PtrQueryQu : CompressedResponse;

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Every_strict_prefix_is_malformed(string fixture)
    {
        byte[] bytes = Fixture(fixture);
        for (int n = 0; n < bytes.Length; n++)
        {
            Assert.Equal(DnsParseStatus.Malformed, DnsMessageParser.TryParse(bytes.AsSpan(0, n), out _, out _));
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Every_single_byte_mutation_parses_without_throwing(string fixture)
    {
        byte[] bytes = (byte[])Fixture(fixture).Clone();
        for (int i = 0; i < bytes.Length; i++)
        {
            byte original = bytes[i];
            foreach (byte b in new byte[] { 0x00, 0x01, 0x3f, 0x40, 0x7f, 0x80, 0xc0, 0xc0 | 0x0c, 0xff })
            {
                bytes[i] = b;
                DnsMessageParser.TryParse(bytes, out _, out _);
            }

            bytes[i] = original;
        }
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        var random = new Random(6762);
        byte[] buffer = new byte[600];
        int ok = 0;
        for (int i = 0; i < 20_000; i++)
        {
            int length = random.Next(buffer.Length);
            random.NextBytes(buffer.AsSpan(0, length));
            // Small counts make the body matter rather than stopping at TooManyEntries.
            if (length >= 12)
            {
                buffer[4] = 0; buffer[6] = 0; buffer[8] = 0; buffer[10] = 0;
                buffer[5] &= 3; buffer[7] &= 3; buffer[9] &= 3; buffer[11] &= 3;
            }

            if (DnsMessageParser.TryParse(buffer.AsSpan(0, length), out _, out _) == DnsParseStatus.Ok)
            {
                ok++;
            }
        }

        Assert.True(ok >= 0);
    }
}
