package io.shimhost.http.internal;

import java.io.IOException;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Lets through only the requests whose peer {@link PeerCheck} admitted; every other one is
 * answered 403 with the one-line reason. A request that did not come through the API's socket
 * carries no verdict and is refused too.
 */
@Component(service = Filter.class)
@HttpWhiteboardFilterPattern("/*")
public final class PeerFilter implements Filter {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getAttribute(PeerCheck.ADMITTED) != null) {
            chain.doFilter(request, response);
            return;
        }
        Object refused = request.getAttribute(PeerCheck.REFUSED);
        Problem problem = Problem.of(403, refused != null ? refused.toString()
                : "refused: only the API's Unix-domain socket is served");
        ApiServlet.write((HttpServletResponse) response, 403, Problem.MEDIA_TYPE, problem.json());
    }
}
