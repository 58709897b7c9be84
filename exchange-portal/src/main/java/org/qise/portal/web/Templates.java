package org.qise.portal.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.HashMap;
import java.util.Map;

/**
 * The jte templates under src/main/jte, compiled to classes during the build (so nothing is
 * compiled at run time). Output is HTML with every ${…} expression escaped.
 */
public final class Templates {
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    /** Renders a template with parameters given as name, value, name, value, … (values may be null). */
    public String render(String name, Object... namesAndValues) {
        Map<String, Object> params = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        StringOutput out = new StringOutput();
        engine.render(name, params, out);
        return out.toString();
    }
}
