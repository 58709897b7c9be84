/** The exchange portal: a Javalin web application and JSON API over the simulator. */
package org.qise.portal;
