package io.shimhost.webconsole.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void markupInTextIsEscaped() {
        assertThat(Html.escape("<script>alert('x')</script> & \"q\"")).isEqualTo(
                "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
        assertThat(Html.escape(null)).isEmpty();
    }

    @Test
    void aShimsIdIsEscapedWhereThePageShowsIt() {
        String page = Html.template("shim.html", Map.of("token", "t", "id", "\"><img src=x onerror=alert(1)>"));

        assertThat(page).contains("data-id=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\"").doesNotContain("<img src=x");
    }
}
