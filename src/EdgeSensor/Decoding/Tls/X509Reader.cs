namespace EdgeSensor.Decoding.Tls;

/// <summary>
/// Takes a DER certificate apart without allocating (RFC 5280 section 4.1):
/// <code>
/// Certificate  SEQUENCE {
///   tbsCertificate  SEQUENCE {
///     version               [0] EXPLICIT INTEGER DEFAULT v1
///     serialNumber          INTEGER
///     signature             AlgorithmIdentifier  SEQUENCE { algorithm OID, parameters ANY OPTIONAL }
///     issuer                Name                 SEQUENCE OF SET OF SEQUENCE { type OID, value ANY }
///     validity              SEQUENCE { notBefore Time, notAfter Time }   Time = UTCTime | GeneralizedTime
///     subject               Name
///     subjectPublicKeyInfo  SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING }
///     issuerUniqueID [1] IMPLICIT, subjectUniqueID [2] IMPLICIT   OPTIONAL (skipped)
///     extensions            [3] EXPLICIT SEQUENCE OF Extension OPTIONAL
///   }
///   signatureAlgorithm  AlgorithmIdentifier
///   signatureValue      BIT STRING
/// }
/// </code>
/// </summary>
public static class X509Reader
{
    public static DecodeStatus TryRead(ReadOnlySpan<byte> der, out X509CertificateView certificate, out X509MalformedReason reason)
    {
        certificate = default;
        var outer = new X509DerReader(der);
        if (!outer.TryRead(X509DerReader.TagSequence, out ReadOnlySpan<byte> certContents, out _, out reason))
        {
            return DecodeStatus.Malformed;
        }

        if (outer.HasData)
        {
            reason = X509MalformedReason.TrailingBytes;
            return DecodeStatus.Malformed;
        }

        var cert = new X509DerReader(certContents);
        if (!cert.TryRead(X509DerReader.TagSequence, out ReadOnlySpan<byte> tbsContents, out ReadOnlySpan<byte> tbs, out reason)
            || !cert.TryRead(X509DerReader.TagSequence, out ReadOnlySpan<byte> sigAlgContents, out ReadOnlySpan<byte> sigAlgEncoded, out reason)
            || !TryReadAlgorithmOid(sigAlgContents, out ReadOnlySpan<byte> signatureOid, out reason)
            || !cert.TryRead(X509DerReader.TagBitString, out ReadOnlySpan<byte> signatureBits, out _, out reason))
        {
            return DecodeStatus.Malformed;
        }

        if (signatureBits.IsEmpty)
        {
            reason = X509MalformedReason.Truncated;
            return DecodeStatus.Malformed;
        }

        var t = new X509DerReader(tbsContents);
        int version = 1;
        if (t.TryPeekTag(out byte first) && first == X509DerReader.TagContext0)
        {
            if (!t.TryRead(X509DerReader.TagContext0, out ReadOnlySpan<byte> explicitVersion, out _, out reason))
            {
                return DecodeStatus.Malformed;
            }

            var v = new X509DerReader(explicitVersion);
            if (!v.TryRead(X509DerReader.TagInteger, out ReadOnlySpan<byte> versionValue, out _, out reason))
            {
                return DecodeStatus.Malformed;
            }

            version = versionValue.Length == 1 ? versionValue[0] + 1 : 0;
        }

        if (!t.TryRead(X509DerReader.TagInteger, out ReadOnlySpan<byte> serial, out _, out reason)
            || !t.TryRead(X509DerReader.TagSequence, out ReadOnlySpan<byte> tbsSigAlg, out _, out reason)
            || !TryReadAlgorithmOid(tbsSigAlg, out ReadOnlySpan<byte> tbsSignatureOid, out reason)
            || !t.TryRead(X509DerReader.TagSequence, out _, out ReadOnlySpan<byte> issuer, out reason)
            || !t.TryRead(X509DerReader.TagSequence, out ReadOnlySpan<byte> validity, out _, out reason)
            || !TryReadValidity(validity, out long notBefore, out long notAfter, out reason)
            || !t.TryRead(X509DerReader.TagSequence, out _, out ReadOnlySpan<byte> subject, out reason)
            || !t.TryRead(X509DerReader.TagSequence, out ReadOnlySpan<byte> spkiContents, out ReadOnlySpan<byte> spki, out reason))
        {
            return DecodeStatus.Malformed;
        }

        var spkiReader = new X509DerReader(spkiContents);
        if (!spkiReader.TryRead(X509DerReader.TagSequence, out ReadOnlySpan<byte> keyAlg, out _, out reason)
            || !TryReadAlgorithmOid(keyAlg, out ReadOnlySpan<byte> keyOid, out reason))
        {
            return DecodeStatus.Malformed;
        }

        ReadOnlySpan<byte> extensions = default;
        while (t.HasData)
        {
            if (!t.TryRead(out byte tag, out ReadOnlySpan<byte> contents, out _, out reason))
            {
                return DecodeStatus.Malformed;
            }

            if (tag == X509DerReader.TagContext3)
            {
                var e = new X509DerReader(contents);
                if (!e.TryRead(X509DerReader.TagSequence, out extensions, out _, out reason))
                {
                    return DecodeStatus.Malformed;
                }
            }
        }

        certificate = new X509CertificateView
        {
            TbsCertificate = tbs,
            Version = version,
            SerialNumber = serial,
            TbsSignatureAlgorithm = tbsSignatureOid,
            Issuer = issuer,
            NotBeforeUnixSeconds = notBefore,
            NotAfterUnixSeconds = notAfter,
            Subject = subject,
            SubjectPublicKeyInfo = spki,
            PublicKeyAlgorithm = keyOid,
            Extensions = extensions,
            SignatureAlgorithm = signatureOid,
            SignatureAlgorithmIdentifier = sigAlgEncoded,
            SignatureValue = signatureBits[1..],
        };
        return DecodeStatus.Ok;
    }

    private static bool TryReadAlgorithmOid(ReadOnlySpan<byte> algorithmIdentifier, out ReadOnlySpan<byte> oid, out X509MalformedReason reason)
    {
        var r = new X509DerReader(algorithmIdentifier);
        return r.TryRead(X509DerReader.TagObjectIdentifier, out oid, out _, out reason);
    }

    private static bool TryReadValidity(ReadOnlySpan<byte> validity, out long notBefore, out long notAfter, out X509MalformedReason reason)
    {
        notBefore = notAfter = 0;
        var r = new X509DerReader(validity);
        if (!r.TryRead(out byte beforeTag, out ReadOnlySpan<byte> before, out _, out reason)
            || !r.TryRead(out byte afterTag, out ReadOnlySpan<byte> after, out _, out reason))
        {
            return false;
        }

        if (!X509Time.TryParse(beforeTag, before, out notBefore) || !X509Time.TryParse(afterTag, after, out notAfter))
        {
            reason = X509MalformedReason.BadTime;
            return false;
        }

        return true;
    }
}
