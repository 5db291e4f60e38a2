namespace EdgeSensor.Decoding.Tls;

/// <summary>
/// Certificate validity times (RFC 5280 section 4.1.2.5) to Unix seconds, allocation-free:
/// <code>
/// UTCTime          YYMMDDHHMM[SS]Z         YY &gt;= 50 is 19YY, else 20YY (4.1.2.5.1)
/// GeneralizedTime  YYYYMMDDHHMM[SS[.f*]]Z  fractions are ignored (4.1.2.5.2 forbids them; some issuers send them)
/// </code>
/// Only UTC ("Z") times are accepted, as RFC 5280 requires.
/// </summary>
public static class X509Time
{
    public static bool TryParse(byte tag, ReadOnlySpan<byte> text, out long unixSeconds)
    {
        unixSeconds = 0;
        int year;
        int i;
        if (tag == X509DerReader.TagUtcTime)
        {
            if (!TryDigits(text, 0, 2, out int yy))
            {
                return false;
            }

            year = yy >= 50 ? 1900 + yy : 2000 + yy;
            i = 2;
        }
        else if (tag == X509DerReader.TagGeneralizedTime)
        {
            if (!TryDigits(text, 0, 4, out year))
            {
                return false;
            }

            i = 4;
        }
        else
        {
            return false;
        }

        if (!TryDigits(text, i, 2, out int month) || !TryDigits(text, i + 2, 2, out int day)
            || !TryDigits(text, i + 4, 2, out int hour) || !TryDigits(text, i + 6, 2, out int minute))
        {
            return false;
        }

        i += 8;
        int second = 0;
        if (TryDigits(text, i, 2, out int s))
        {
            second = s;
            i += 2;
            if (tag == X509DerReader.TagGeneralizedTime && (uint)i < (uint)text.Length && text[i] == (byte)'.')
            {
                i++;
                while ((uint)i < (uint)text.Length && IsDigit(text[i]))
                {
                    i++;
                }
            }
        }

        // Exactly one 'Z' must close the text.
        if (i != text.Length - 1 || text[i] != (byte)'Z')
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }

        unixSeconds = (DaysFromCivil(year, month, day) * 86_400L) + (hour * 3600L) + (minute * 60L) + second;
        return true;
    }

    /// <summary>Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).</summary>
    private static long DaysFromCivil(int year, int month, int day)
    {
        int y = month <= 2 ? year - 1 : year;
        int era = (y >= 0 ? y : y - 399) / 400;
        int yoe = y - (era * 400);
        int doy = ((153 * (month + (month > 2 ? -3 : 9))) + 2) / 5 + day - 1;
        int doe = (yoe * 365) + (yoe / 4) - (yoe / 100) + doy;
        return (era * 146_097L) + doe - 719_468;
    }

    private static int DaysInMonth(int year, int month) => month switch
    {
        2 => (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    private static bool TryDigits(ReadOnlySpan<byte> text, int start, int count, out int value)
    {
        value = 0;
        if ((uint)(start + count) > (uint)text.Length)
        {
            return false;
        }

        for (int k = 0; k < count; k++)
        {
            byte c = text[start + k];
            if (!IsDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    private static bool IsDigit(byte c) => c is >= (byte)'0' and <= (byte)'9';
}
