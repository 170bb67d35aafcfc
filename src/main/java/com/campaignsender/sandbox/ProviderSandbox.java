package com.campaignsender.sandbox;

import com.sun.net.httpserver.HttpHandler;

/**
 * One provider's API as the sandbox plays it: what provider type it stands in for, the path its
 * handler serves, and the base path an account's base-url points at.
 */
interface ProviderSandbox extends HttpHandler {

    String type();

    /** The path its handler serves ({@code /v1.0}). */
    String root();

    /** What an account's base-url is, below the server's address ({@code /v1.0}, or empty). */
    String basePath();
}
