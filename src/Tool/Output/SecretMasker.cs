namespace MilvusDm.Tool.Output;

/// <summary>Replaces every registered secret with <c>***</c> in text bound for any output.</summary>
internal sealed class SecretMasker
{
    private readonly HashSet<string> _secrets = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public void Register(string? secret)
    {
        // Very short values would mask ordinary words; real passwords and tokens are longer.
        if (string.IsNullOrEmpty(secret) || secret.Length < 3)
        {
            return;
        }

        lock (_gate)
        {
            _secrets.Add(secret);
            _secrets.Add(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(secret)));
        }
    }

    public string Mask(string text)
    {
        lock (_gate)
        {
            foreach (string secret in _secrets.OrderByDescending(s => s.Length))
            {
                text = text.Replace(secret, "***", StringComparison.Ordinal);
            }
        }

        return text;
    }
}
