package org.qise.portal.limits;

import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.internal.HttpConnection;

/**
 * HTTP/1.1 connections that remember the raw request target ("/api/v1/circuits/%zz") as a
 * connection attribute before Jetty parses it. Jetty's parser rejects a malformed target
 * before any request exists, and the error handler then sees only a placeholder path; with
 * the raw target it can still tell an API call (answered in JSON) from a page.
 */
public final class TargetRecordingConnectionFactory extends HttpConnectionFactory {
    /** Connection attribute: the target of the request being parsed, or absent. */
    public static final String TARGET = "org.qise.portal.rawTarget";

    public TargetRecordingConnectionFactory(HttpConfiguration config) {
        super(config);
    }

    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
        HttpConnection connection = new Recording(getHttpConfiguration(), connector, endPoint);
        connection.setUseInputDirectByteBuffers(isUseInputDirectByteBuffers());
        connection.setUseOutputDirectByteBuffers(isUseOutputDirectByteBuffers());
        connection.setTransferEncodingChunkMaxLength(getTransferEncodingChunkMaxLength());
        return configure(connection, connector, endPoint);
    }

    private static final class Recording extends HttpConnection {
        Recording(HttpConfiguration config, Connector connector, EndPoint endPoint) {
            super(config, connector, endPoint);
        }

        @Override
        protected RequestHandler newRequestHandler() {
            return new RequestHandler() {
                @Override
                public void messageBegin() {
                    // A keep-alive connection must not blame this request on the previous target.
                    removeAttribute(TARGET);
                    super.messageBegin();
                }

                @Override
                public void startRequest(String method, String target, HttpVersion version) {
                    setAttribute(TARGET, target);
                    super.startRequest(method, target, version);
                }
            };
        }
    }
}
