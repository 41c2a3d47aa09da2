<?php
/**
 * Plugin Name: igny8-wp local instance
 * Description: Must-use plugin of a throw-away test instance (scripts/wordpress/wp.sh): mail is
 * appended to DATA_DIR/logs/mail.log (there is no sendmail) and the HTTPS self-probe is skipped.
 */

add_filter('pre_wp_mail', function ($short_circuit, $atts) {
    $dir = defined('IGNY8_WP_DATA_DIR') ? IGNY8_WP_DATA_DIR . '/logs' : WP_CONTENT_DIR;
    $to = is_array($atts['to']) ? implode(', ', $atts['to']) : (string) $atts['to'];
    $entry = sprintf(
        "---- %s\nTo: %s\nSubject: %s\n\n%s\n\n",
        gmdate('Y-m-d\TH:i:s\Z'),
        $to,
        (string) $atts['subject'],
        (string) $atts['message']
    );
    file_put_contents($dir . '/mail.log', $entry, FILE_APPEND | LOCK_EX);
    return true;
}, 10, 2);

// wp_https_detection sends an HTTPS request to the plain-HTTP port; skip it.
add_filter('pre_wp_update_https_detection_errors', function () {
    return new WP_Error();
});
