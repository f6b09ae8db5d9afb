using System.Buffers.Binary;

namespace MilvusDm.Plugins.Faiss.Format;

/// <summary>
/// The ScalarQuantizer block (formats.md 1.8): qtype, rangestat, rangestat_arg, d, code_size, trained[]. Decoding
/// follows Faiss's <c>sa_decode</c> operation by operation, so decoded vectors equal <c>reconstruct()</c> exactly.
/// </summary>
internal sealed record ScalarQuantizer(int QType, long Dim, long CodeSize, float[] Trained)
{
    private const int QT8bit = 0;
    private const int QT4bit = 1;
    private const int QT8bitUniform = 2;
    private const int QT4bitUniform = 3;
    private const int QTFp16 = 4;
    private const int QT8bitDirect = 5;
    private const int QT6bit = 6;

    public static ScalarQuantizer Read(IndexFileReader reader, int dim)
    {
        long at = reader.Position;
        int qtype = reader.ReadInt32("the scalar quantizer type");
        reader.ReadInt32("the scalar quantizer range statistic");
        reader.ReadSingle("the scalar quantizer range argument");
        long d = reader.ReadSize("the scalar quantizer d");
        long codeSize = reader.ReadSize("the scalar quantizer code_size");
        long count = reader.ReadCount(4, "the scalar quantizer training values");
        if (d != dim || count > 2L * dim || codeSize > 4L * dim)
        {
            throw reader.Error(at, $"expected a scalar quantizer for d={dim}, found d={d}, code_size={codeSize} and {count} training values");
        }

        var trained = new float[count];
        for (long i = 0; i < count; i++)
        {
            trained[i] = reader.ReadSingle("a scalar quantizer training value");
        }

        return new ScalarQuantizer(qtype, d, codeSize, trained);
    }

    /// <summary>Whether <see cref="Decode"/> knows this qtype and the block is consistent with it.</summary>
    public bool CanDecode => QType switch
    {
        QT8bit => CodeSize == Dim && Trained.Length == 2 * Dim,
        QT4bit => CodeSize == (Dim + 1) / 2 && Trained.Length == 2 * Dim,
        QT8bitUniform => CodeSize == Dim && Trained.Length == 2,
        QT4bitUniform => CodeSize == (Dim + 1) / 2 && Trained.Length == 2,
        QTFp16 => CodeSize == 2 * Dim,
        QT8bitDirect => CodeSize == Dim,
        QT6bit => CodeSize == ((Dim * 6) + 7) / 8 && Trained.Length == 2 * Dim,
        _ => false,
    };

    public string QTypeName => QType switch
    {
        QT8bit => "QT_8bit",
        QT4bit => "QT_4bit",
        QT8bitUniform => "QT_8bit_uniform",
        QT4bitUniform => "QT_4bit_uniform",
        QTFp16 => "QT_fp16",
        QT8bitDirect => "QT_8bit_direct",
        QT6bit => "QT_6bit",
        _ => $"qtype {QType}",
    };

    /// <summary>Decodes one code into <paramref name="output"/> (d floats).</summary>
    public void Decode(ReadOnlySpan<byte> code, Span<float> output)
    {
        int d = (int)Dim;
        for (int i = 0; i < d; i++)
        {
            output[i] = QType switch
            {
                QT8bit => Trained[i] + (Unit(code[i], 255f) * Trained[d + i]),
                QT4bit => Trained[i] + (Unit(Nibble(code, i), 15f) * Trained[d + i]),
                QT8bitUniform => Trained[0] + (Unit(code[i], 255f) * Trained[1]),
                QT4bitUniform => Trained[0] + (Unit(Nibble(code, i), 15f) * Trained[1]),
                QTFp16 => (float)BinaryPrimitives.ReadHalfLittleEndian(code.Slice(2 * i, 2)),
                QT8bitDirect => code[i],
                QT6bit => Trained[i] + (Unit(SixBits(code, i), 63f) * Trained[d + i]),
                _ => throw new InvalidOperationException($"Cannot decode {QTypeName}."),
            };
        }
    }

    // Codec*::decode_component: (bits + 0.5f) / max, in float.
    private static float Unit(int bits, float max) => (bits + 0.5f) / max;

    private static int Nibble(ReadOnlySpan<byte> code, int i) => (code[i / 2] >> ((i & 1) << 2)) & 0xf;

    private static int SixBits(ReadOnlySpan<byte> code, int i)
    {
        ReadOnlySpan<byte> group = code.Slice((i >> 2) * 3);
        return (i & 3) switch
        {
            0 => group[0] & 0x3f,
            1 => (group[0] >> 6) | ((group[1] & 0xf) << 2),
            2 => (group[1] >> 4) | ((group[2] & 3) << 4),
            _ => group[2] >> 2,
        };
    }
}
