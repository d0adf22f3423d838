/**
 * Ahead-of-time processing support: the runtime hints that a native image needs for the
 * types the core hands to reflective code.
 */
@NullMarked
package dev.bedrockconverse.chat.aot;

import org.jspecify.annotations.NullMarked;
