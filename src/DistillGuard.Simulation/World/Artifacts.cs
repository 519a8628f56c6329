using System.Buffers.Text;
using DistillGuard.Core.Model;
using DistillGuard.Simulation.Common;

namespace DistillGuard.Simulation.World;

/// <summary>Makes reasoning artifacts that look like real ones: long base64 thinking signatures, Fernet-like encrypted_content.</summary>
internal static class Artifacts
{
    public static string Make(ApiFormat api, ref SimRandom rng)
    {
        int len = 240 + rng.Next(360);
        Span<byte> bytes = stackalloc byte[len + 9];
        for (int i = 0; i < bytes.Length; i += 8)
        {
            ulong v = rng.NextUInt64();
            for (int k = 0; k < 8 && i + k < bytes.Length; k++) bytes[i + k] = (byte)(v >> (8 * k));
        }
        if (api == ApiFormat.OpenAIResponses)
        {
            bytes[0] = 0x80; // Fernet version byte: base64url starts "gAAAAA"
            bytes[1] = 0; bytes[2] = 0; bytes[3] = 0; bytes[4] = 0;
            return Base64Url.EncodeToString(bytes);
        }
        bytes[0] = 0x12; bytes[1] = (byte)(0x80 | (len & 0x7f)); bytes[2] = (byte)(len >> 7 | 1); // protobuf-ish header: "Eq..."/"Er..."
        return Convert.ToBase64String(bytes);
    }
}
