<?php
/**
 * Deleting the plugin removes its options and its cron event. Posts, their _igny8_* meta and
 * imported media stay: they are the site's content.
 */

if (!defined('WP_UNINSTALL_PLUGIN')) {
    exit;
}

foreach (array(
    'igny8_api_base',
    'igny8_api_key',
    'igny8_integration_id',
    'igny8_connection_enabled',
    'igny8_default_post_status',
) as $igny8_option) {
    delete_option($igny8_option);
}
wp_clear_scheduled_hook('igny8_bridge_daily_push');
