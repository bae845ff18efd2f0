package dev.lineup.web.control;

import jakarta.servlet.jsp.JspWriter;
import jakarta.servlet.jsp.tagext.DynamicAttributes;
import jakarta.servlet.jsp.tagext.SimpleTagSupport;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code <lu:field label name [value] [error] …>}: a form field as the pages write it, the label,
 * the input and the slot its error goes to ({@code data-error-for} = the name, which lineup.js
 * fills from a problem's field). Any other attribute (type, maxlength, autocomplete, data-type, …)
 * goes onto the input as given, in order. Every value is escaped as {@code <c:out>} escapes. A Java
 * handler rather than a tag file: a page of rules renders a hundred of these, and a tag file's
 * per-call context cost showed in the pages' benchmark.
 */
public class FieldTag extends SimpleTagSupport implements DynamicAttributes {
  private String label;
  private String name;
  private String value;
  private String error;
  private final Map<String, Object> attributes = new LinkedHashMap<>();

  public void setLabel(String label) {
    this.label = label;
  }

  public void setName(String name) {
    this.name = name;
  }

  public void setValue(String value) {
    this.value = value;
  }

  public void setError(String error) {
    this.error = error;
  }

  @Override
  public void setDynamicAttribute(String uri, String localName, Object value) {
    attributes.put(localName, value);
  }

  @Override
  public void doTag() throws IOException {
    StringBuilder html = new StringBuilder(256);
    html.append("<label>").append(escape(label)).append(" <input name=\"").append(escape(name));
    html.append('"');
    if (value != null) {
      html.append(" value=\"").append(escape(value)).append('"');
    }
    attributes.forEach(
        (attribute, given) ->
            html.append(' ')
                .append(attribute)
                .append("=\"")
                .append(escape(given == null ? null : given.toString()))
                .append('"'));
    html.append(">\n  <span class=\"field-error\" data-error-for=\"")
        .append(escape(name))
        .append("\">")
        .append(escape(error))
        .append("</span></label>");
    JspWriter out = getJspContext().getOut();
    out.write(html.toString());
  }

  /** As {@code <c:out>}: {@code & < > " '}; null is empty. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder escaped = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String entity =
          switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&#034;";
            case '\'' -> "&#039;";
            default -> null;
          };
      if (entity != null && escaped == null) {
        escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (escaped != null) {
        if (entity != null) {
          escaped.append(entity);
        } else {
          escaped.append(c);
        }
      }
    }
    return escaped == null ? text : escaped.toString();
  }
}
