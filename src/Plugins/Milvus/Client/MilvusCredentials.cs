using System.Text;

namespace MilvusDm.Plugins.Milvus.Client;

/// <summary>The <c>authorization</c> metadata value: base64 of the token or of <c>user:password</c>, no "Bearer".</summary>
internal static class MilvusCredentials
{
    public static string? AuthorizationHeader(string? token, string? user, string? password)
    {
        if (!string.IsNullOrEmpty(token))
        {
            return Convert.ToBase64String(Encoding.UTF8.GetBytes(token));
        }

        if (!string.IsNullOrEmpty(user))
        {
            return Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
        }

        return null;
    }
}
