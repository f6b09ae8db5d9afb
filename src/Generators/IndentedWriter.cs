using System.Text;

namespace MilvusDm.Generators;

/// <summary>A tiny line writer that keeps indentation, so emitted code is readable in golden files.</summary>
internal sealed class IndentedWriter
{
    private readonly StringBuilder _builder = new();
    private int _depth;

    public void Line(string text = "")
    {
        if (text.Length > 0)
        {
            _builder.Append(' ', _depth * 4);
        }

        _builder.Append(text).Append('\n');
    }

    public void Open(string text)
    {
        Line(text);
        Line("{");
        _depth++;
    }

    public void Close(string suffix = "")
    {
        _depth--;
        Line("}" + suffix);
    }

    public override string ToString() => _builder.ToString();
}
