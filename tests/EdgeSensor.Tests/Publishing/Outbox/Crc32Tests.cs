using System.Text;
using EdgeSensor.Publishing.Outbox;

namespace EdgeSensor.Tests.Publishing.Outbox;

public sealed class Crc32Tests
{
    [Fact]
    public void Check_value_of_the_catalogue_matches() =>
        Assert.Equal(0xCBF43926u, Crc32.Compute(Encoding.ASCII.GetBytes("123456789")));

    [Fact]
    public void Empty_input_is_zero() => Assert.Equal(0u, Crc32.Compute([]));
}
