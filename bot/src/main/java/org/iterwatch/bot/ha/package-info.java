/**
 * Two or more instances on one PostgreSQL database: the election of the one active instance (a lease row with a
 * fencing token), the fence every call to Telegram and every outbox claim checks, and the role /healthz and
 * /metrics report. Depends on nothing else in bot; switches the active side through the two actions Main gives it.
 */
package org.iterwatch.bot.ha;
