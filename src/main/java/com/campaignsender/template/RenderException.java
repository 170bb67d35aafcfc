package com.campaignsender.template;

/** One recipient's data could not fill a template (a variable missing, a value of the wrong kind). */
public class RenderException extends Exception {

    public RenderException(String message, Throwable cause) {
        super(message, cause);
    }
}
