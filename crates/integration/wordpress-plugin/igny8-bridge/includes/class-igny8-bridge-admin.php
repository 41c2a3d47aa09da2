<?php
/**
 * Settings -> IGNY8: the same fields as the settings route. The key field is write-only.
 */

if (!defined('ABSPATH')) {
    exit;
}

final class Igny8_Bridge_Admin
{
    const PAGE = 'igny8-bridge';
    const ACTION = 'igny8_bridge_save';

    public static function boot()
    {
        add_action('admin_menu', array(__CLASS__, 'menu'));
        add_action('admin_post_' . self::ACTION, array(__CLASS__, 'save'));
        add_filter('plugin_action_links_' . plugin_basename(IGNY8_BRIDGE_FILE), array(__CLASS__, 'action_links'));
    }

    public static function menu()
    {
        add_options_page('IGNY8', 'IGNY8', 'manage_options', self::PAGE, array(__CLASS__, 'render'));
    }

    public static function action_links($links)
    {
        $url = admin_url('options-general.php?page=' . self::PAGE);
        array_unshift($links, '<a href="' . esc_url($url) . '">' . esc_html__('Settings', 'igny8-bridge') . '</a>');
        return $links;
    }

    public static function render()
    {
        if (!current_user_can('manage_options')) {
            return;
        }
        $s = Igny8_Bridge_Settings::to_public_array();
        // Only our own redirect sets these; they are shown escaped.
        $notice = isset($_GET['igny8_notice']) ? sanitize_text_field(wp_unslash($_GET['igny8_notice'])) : '';
        $error = isset($_GET['igny8_error']) ? sanitize_text_field(wp_unslash($_GET['igny8_error'])) : '';
        ?>
        <div class="wrap">
            <h1><?php echo esc_html__('IGNY8', 'igny8-bridge'); ?></h1>
            <?php if ($notice !== '') : ?>
                <div class="notice notice-success"><p><?php echo esc_html($notice); ?></p></div>
            <?php endif; ?>
            <?php if ($error !== '') : ?>
                <div class="notice notice-error"><p><?php echo esc_html($error); ?></p></div>
            <?php endif; ?>
            <form method="post" action="<?php echo esc_url(admin_url('admin-post.php')); ?>">
                <input type="hidden" name="action" value="<?php echo esc_attr(self::ACTION); ?>" />
                <?php wp_nonce_field(self::ACTION); ?>
                <table class="form-table" role="presentation">
                    <tr>
                        <th scope="row"><label for="igny8_api_base"><?php esc_html_e('API base URL', 'igny8-bridge'); ?></label></th>
                        <td><input name="api_base" id="igny8_api_base" type="url" class="regular-text"
                                   value="<?php echo esc_attr($s['api_base']); ?>" placeholder="https://api.igny8.com" /></td>
                    </tr>
                    <tr>
                        <th scope="row"><label for="igny8_api_key"><?php esc_html_e('API key', 'igny8-bridge'); ?></label></th>
                        <td>
                            <input name="api_key" id="igny8_api_key" type="password" class="regular-text" value=""
                                   autocomplete="new-password"
                                   placeholder="<?php echo esc_attr($s['api_key_set'] ? sprintf(__('set (ends in %s); leave empty to keep', 'igny8-bridge'), $s['api_key_last4']) : __('not set', 'igny8-bridge')); ?>" />
                            <?php if ($s['api_key_set']) : ?>
                                <label><input type="checkbox" name="clear_api_key" value="1" /> <?php esc_html_e('Remove the key', 'igny8-bridge'); ?></label>
                            <?php endif; ?>
                        </td>
                    </tr>
                    <tr>
                        <th scope="row"><label for="igny8_integration_id"><?php esc_html_e('Integration id', 'igny8-bridge'); ?></label></th>
                        <td><input name="integration_id" id="igny8_integration_id" type="number" min="0" class="small-text"
                                   value="<?php echo esc_attr((string) $s['integration_id']); ?>" /></td>
                    </tr>
                    <tr>
                        <th scope="row"><?php esc_html_e('Connection', 'igny8-bridge'); ?></th>
                        <td><label><input type="checkbox" name="connection_enabled" value="1" <?php checked($s['connection_enabled']); ?> />
                            <?php esc_html_e('Enable sync operations', 'igny8-bridge'); ?></label></td>
                    </tr>
                    <tr>
                        <th scope="row"><label for="igny8_default_post_status"><?php esc_html_e('Default post status', 'igny8-bridge'); ?></label></th>
                        <td><select name="default_post_status" id="igny8_default_post_status">
                            <?php foreach (Igny8_Bridge_Settings::DEFAULT_STATUSES as $status) : ?>
                                <option value="<?php echo esc_attr($status); ?>" <?php selected($s['default_post_status'], $status); ?>><?php echo esc_html($status); ?></option>
                            <?php endforeach; ?>
                        </select></td>
                    </tr>
                </table>
                <?php submit_button(__('Save and push site structure', 'igny8-bridge')); ?>
            </form>
        </div>
        <?php
    }

    public static function save()
    {
        if (!current_user_can('manage_options')) {
            wp_die(esc_html__('Sorry, you are not allowed to do that.', 'igny8-bridge'), 403);
        }
        check_admin_referer(self::ACTION);
        $post = wp_unslash($_POST);
        $input = array(
            'api_base' => isset($post['api_base']) ? (string) $post['api_base'] : '',
            'integration_id' => isset($post['integration_id']) ? (string) $post['integration_id'] : '0',
            'connection_enabled' => !empty($post['connection_enabled']),
            'default_post_status' => isset($post['default_post_status']) ? (string) $post['default_post_status'] : 'draft',
        );
        $key = isset($post['api_key']) ? trim((string) $post['api_key']) : '';
        if ($key !== '') {
            $input['api_key'] = $key;
        } elseif (!empty($post['clear_api_key'])) {
            $input['api_key'] = '';
        }
        $args = array('page' => self::PAGE);
        $saved = Igny8_Bridge_Settings::apply($input);
        if (is_wp_error($saved)) {
            $args['igny8_error'] = $saved->get_error_message();
        } else {
            $push = Igny8_Bridge_Rest::push_after_save();
            if ($push === null) {
                $args['igny8_notice'] = __('Settings saved.', 'igny8-bridge');
            } elseif (isset($push['error'])) {
                $args['igny8_error'] = sprintf(__('Settings saved, but the site structure push failed: %s', 'igny8-bridge'), $push['error']);
            } elseif ($push['platform_status'] >= 200 && $push['platform_status'] < 300) {
                $args['igny8_notice'] = __('Settings saved and site structure pushed to IGNY8.', 'igny8-bridge');
            } else {
                $args['igny8_error'] = sprintf(__('Settings saved, but IGNY8 answered HTTP %d to the site structure push.', 'igny8-bridge'), $push['platform_status']);
            }
        }
        wp_safe_redirect(add_query_arg(array_map('rawurlencode', $args), admin_url('options-general.php')));
        exit;
    }
}
