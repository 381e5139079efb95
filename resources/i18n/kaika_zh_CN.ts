<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
    <context>
        <name>DemoPanel</name>
        <message>
            <source>Swipe 张三's card</source>
            <translation>刷张三的会员卡</translation>
        </message>
        <message>
            <source>Swipe 李四's card</source>
            <translation>刷李四的会员卡</translation>
        </message>
        <message>
            <source>Show 张三's phone QR</source>
            <translation>出示张三的手机动态码</translation>
        </message>
        <message>
            <source>Scan 羊毛外套</source>
            <translation>扫描 羊毛外套</translation>
        </message>
        <message>
            <source>Scan 丝巾</source>
            <translation>扫描 丝巾</translation>
        </message>
        <message>
            <source>Swipe a bank card</source>
            <translation>刷一张银行卡</translation>
        </message>
        <message>
            <source>Printer: paper out / in</source>
            <translation>打印机：缺纸 / 装纸</translation>
        </message>
        <message>
            <source>What the printer printed</source>
            <translation>打印机打出的内容</translation>
        </message>
        <message>
            <source>Last receipt, as the printer received it</source>
            <translation>最后一张小票（打印机收到的内容）</translation>
        </message>
        <message>
            <source>Demo devices</source>
            <translation>演示设备</translation>
        </message>
    </context>
    <context>
        <name>HelpDialog</name>
        <message>
            <source>Keys</source>
            <translation>快捷键</translation>
        </message>
        <message>
            <source>Enter</source>
            <translation>回车</translation>
        </message>
        <message>
            <source>add the code typed; with nothing typed: pay</source>
            <translation>加入输入的编码；未输入时：收款</translation>
        </message>
        <message>
            <source>Esc</source>
            <translation>Esc</translation>
        </message>
        <message>
            <source>clear what was typed; close a dialog</source>
            <translation>清除输入；关闭对话框</translation>
        </message>
        <message>
            <source>↑ ↓</source>
            <translation>↑ ↓</translation>
        </message>
        <message>
            <source>choose a line or a search result</source>
            <translation>选择商品行或搜索结果</translation>
        </message>
        <message>
            <source>Scan / swipe</source>
            <translation>扫码 / 刷卡</translation>
        </message>
        <message>
            <source>items, member cards and QR codes, coupons, receipts (return) — at any time</source>
            <translation>商品、会员卡和二维码、优惠券、小票（退货）——随时可用</translation>
        </message>
        <message>
            <source>Esc Close</source>
            <translation>Esc 关闭</translation>
        </message>
    </context>
    <context>
        <name>LoginScreen</name>
        <message>
            <source>Staff number</source>
            <translation>工号</translation>
        </message>
        <message>
            <source>PIN</source>
            <translation>密码</translation>
        </message>
        <message>
            <source>Enter Log in</source>
            <translation>回车 登录</translation>
        </message>
        <message>
            <source>Type your staff number and PIN.</source>
            <translation>请输入工号和密码。</translation>
        </message>
        <message>
            <source>Locked. {name}, type your PIN to carry on; a manager can unlock too.</source>
            <translation>已锁屏。{name}，输入密码继续；店长也可以解锁。</translation>
        </message>
        <message>
            <source>Enter Unlock</source>
            <translation>回车 解锁</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Kaika till — {store}</source>
            <translation>开卡收银 — {store}</translation>
        </message>
        <message>
            <source>Not logged in</source>
            <translation>未登录</translation>
        </message>
        <message>
            <source>{name} ({number})</source>
            <translation>{name}（{number}）</translation>
        </message>
        <message>
            <source>{name} ({number}) · shift of {date}</source>
            <translation>{name}（{number}）· 班次 {date}</translation>
        </message>
        <message>
            <source>Log in first, then scan.</source>
            <translation>请先登录再扫码。</translation>
        </message>
        <message>
            <source>Receipt printed.</source>
            <translation>小票已打印。</translation>
        </message>
    </context>
    <context>
        <name>ManagerDialog</name>
        <message>
            <source>Manager approval</source>
            <translation>店长授权</translation>
        </message>
        <message>
            <source>Manager's staff number</source>
            <translation>店长工号</translation>
        </message>
        <message>
            <source>Manager's PIN</source>
            <translation>店长密码</translation>
        </message>
    </context>
    <context>
        <name>MemberPanelWidget</name>
        <message>
            <source>No member — swipe or scan the card, or F4</source>
            <translation>未识别会员 — 刷卡或扫码，或按 F4</translation>
        </message>
        <message>
            <source>card</source>
            <translation>已出示会员卡</translation>
        </message>
        <message>
            <source>no card shown</source>
            <translation>未出示会员卡</translation>
        </message>
        <message>
            <source>Tier: {tier}</source>
            <translation>等级：{tier}</translation>
        </message>
        <message>
            <source>Points: {points}</source>
            <translation>积分：{points}</translation>
        </message>
        <message>
            <source>Stored value: {amount}</source>
            <translation>储值余额：{amount}</translation>
        </message>
        <message>
            <source>Birthday today — wish them a happy birthday!</source>
            <translation>今天是会员生日 — 祝他生日快乐！</translation>
        </message>
        <message>
            <source>{points} points expire by {date}</source>
            <translation>{points} 积分将于 {date} 前过期</translation>
        </message>
        <message>
            <source>Coupons: none</source>
            <translation>优惠券：无</translation>
        </message>
        <message>
            <source>Coupons: {list}</source>
            <translation>优惠券：{list}</translation>
        </message>
    </context>
    <context>
        <name>Numpad</name>
        <message>
            <source>C</source>
            <translation>清除</translation>
        </message>
    </context>
    <context>
        <name>PaymentDialog</name>
        <message>
            <source>Payment</source>
            <translation>收款</translation>
        </message>
        <message>
            <source>Due</source>
            <translation>应收</translation>
        </message>
        <message>
            <source>Paid</source>
            <translation>已收</translation>
        </message>
        <message>
            <source>Still due</source>
            <translation>待收</translation>
        </message>
        <message>
            <source>Change</source>
            <translation>找零</translation>
        </message>
        <message>
            <source>Cash</source>
            <translation>现金</translation>
        </message>
        <message>
            <source>Bank card</source>
            <translation>银行卡</translation>
        </message>
        <message>
            <source>Mobile wallet</source>
            <translation>移动支付</translation>
        </message>
        <message>
            <source>Stored value</source>
            <translation>储值</translation>
        </message>
        <message>
            <source>Points</source>
            <translation>积分</translation>
        </message>
        <message>
            <source>Coupon</source>
            <translation>优惠券</translation>
        </message>
        <message>
            <source>Slip / transaction no.</source>
            <translation>签购单 / 交易号</translation>
        </message>
        <message>
            <source>Esc Back to sale</source>
            <translation>Esc 返回销售</translation>
        </message>
        <message>
            <source>F7 Remove payment</source>
            <translation>F7 删除付款</translation>
        </message>
        <message>
            <source>Enter Add</source>
            <translation>回车 添加</translation>
        </message>
        <message>
            <source>Coupon code</source>
            <translation>券码</translation>
        </message>
        <message>
            <source>Cash handed over</source>
            <translation>实收现金</translation>
        </message>
        <message>
            <source>Amount</source>
            <translation>金额</translation>
        </message>
        <message>
            <source>Member's PIN</source>
            <translation>会员支付密码</translation>
        </message>
        <message>
            <source>Paying {amount} from stored value: the member types their PIN.</source>
            <translation>储值支付 {amount}：请会员输入支付密码。</translation>
        </message>
        <message>
            <source>given {given}, change {change}</source>
            <translation>实收 {given}，找零 {change}</translation>
        </message>
        <message>
            <source>{points} points</source>
            <translation>{points} 积分</translation>
        </message>
        <message>
            <source>No member: stored value and points need the member's card.</source>
            <translation>未识别会员：储值和积分需要会员卡。</translation>
        </message>
        <message>
            <source>Member: {points} points, stored value {wallet}</source>
            <translation>会员：积分 {points}，储值 {wallet}</translation>
        </message>
        <message>
            <source>this sale earns {points} points</source>
            <translation>本单可得 {points} 积分</translation>
        </message>
    </context>
    <context>
        <name>RecallDialog</name>
        <message>
            <source>Sales on hold</source>
            <translation>挂单</translation>
        </message>
        <message>
            <source>Choose a sale and press Enter.</source>
            <translation>选择一笔挂单后按回车。</translation>
        </message>
        <message>
            <source>{time}: {count} item(s) — {names}</source>
            <translation>{time}：{count} 件 — {names}</translation>
        </message>
        <message>
            <source>Enter Recall</source>
            <translation>回车 取单</translation>
        </message>
    </context>
    <context>
        <name>ReceiptDesk</name>
        <message>
            <source>Change</source>
            <translation>找零</translation>
        </message>
        <message>
            <source>Thank you</source>
            <translation>谢谢惠顾</translation>
        </message>
        <message>
            <source>Refund</source>
            <translation>退款</translation>
        </message>
    </context>
    <context>
        <name>ReturnsDialog</name>
        <message>
            <source>Return</source>
            <translation>退货</translation>
        </message>
        <message>
            <source>Item</source>
            <translation>商品</translation>
        </message>
        <message>
            <source>Sold</source>
            <translation>已售</translation>
        </message>
        <message>
            <source>Left</source>
            <translation>可退</translation>
        </message>
        <message>
            <source>Amount</source>
            <translation>金额</translation>
        </message>
        <message>
            <source>Refund</source>
            <translation>退款</translation>
        </message>
        <message>
            <source>All</source>
            <translation>全部</translation>
        </message>
        <message>
            <source>Void sale (manager)</source>
            <translation>整单作废（店长）</translation>
        </message>
        <message>
            <source>No receipt (manager)</source>
            <translation>无小票退货（店长）</translation>
        </message>
        <message>
            <source>Esc Back</source>
            <translation>Esc 返回</translation>
        </message>
        <message>
            <source>Scan the receipt's barcode or type its number.</source>
            <translation>扫描小票条码或输入单号。</translation>
        </message>
        <message>
            <source>Receipt number</source>
            <translation>小票单号</translation>
        </message>
        <message>
            <source>No receipt, approved by {name}: scan each item, then F10. Refunded in cash at today's price.</source>
            <translation>无小票退货，{name} 已授权：逐件扫描商品，然后按 F10。按今日售价退现金。</translation>
        </message>
        <message>
            <source>Item barcode or SKU</source>
            <translation>商品条码或货号</translation>
        </message>
        <message>
            <source>Return without a receipt</source>
            <translation>无小票退货</translation>
        </message>
        <message>
            <source>Void the whole sale {receipt}</source>
            <translation>整单作废 {receipt}</translation>
        </message>
        <message>
            <source>Receipt {receipt} of {time}, total {total}</source>
            <translation>小票 {receipt}，{time}，合计 {total}</translation>
        </message>
        <message>
            <source>cash</source>
            <translation>现金</translation>
        </message>
        <message>
            <source>bank card</source>
            <translation>银行卡</translation>
        </message>
        <message>
            <source>mobile wallet</source>
            <translation>移动支付</translation>
        </message>
        <message>
            <source>stored value</source>
            <translation>储值</translation>
        </message>
        <message>
            <source>points</source>
            <translation>积分</translation>
        </message>
        <message>
            <source>coupon</source>
            <translation>优惠券</translation>
        </message>
        <message>
            <source>Refunded {total} ({how}). Receipt {receipt}.</source>
            <translation>已退款 {total}（{how}）。退货单 {receipt}。</translation>
        </message>
        <message>
            <source>{points} points taken back.</source>
            <translation>扣回 {points} 积分。</translation>
        </message>
    </context>
    <context>
        <name>SaleActions</name>
        <message>
            <source>Quantity</source>
            <translation>数量</translation>
        </message>
        <message>
            <source>New quantity for the line:</source>
            <translation>该行的新数量：</translation>
        </message>
        <message>
            <source>Line removed.</source>
            <translation>已删除该行。</translation>
        </message>
        <message>
            <source>Press Shift+F3 again to cancel the whole sale.</source>
            <translation>再按一次 Shift+F3 取消整单。</translation>
        </message>
        <message>
            <source>Sale cancelled.</source>
            <translation>整单已取消。</translation>
        </message>
        <message>
            <source>Member</source>
            <translation>会员</translation>
        </message>
        <message>
            <source>Card number, member QR or mobile number:</source>
            <translation>会员卡号、会员二维码或手机号：</translation>
        </message>
        <message>
            <source>Member removed from the sale.</source>
            <translation>已从本单移除会员。</translation>
        </message>
        <message>
            <source>Coupon added.</source>
            <translation>已添加优惠券。</translation>
        </message>
        <message>
            <source>Coupon</source>
            <translation>优惠券</translation>
        </message>
        <message>
            <source>Scan or type the coupon code:</source>
            <translation>扫描或输入券码：</translation>
        </message>
        <message>
            <source>Hold the code in front of the camera…</source>
            <translation>请将条码对准摄像头…</translation>
        </message>
        <message numerus="yes">
            <source>Sale put on hold (%n on hold).</source>
            <translation>
                <numerusform>已挂单（共 %n 笔挂单）。</numerusform>
            </translation>
        </message>
        <message>
            <source>Discount</source>
            <translation>折扣</translation>
        </message>
        <message>
            <source>Discount on the line, in yuan:</source>
            <translation>该行优惠金额（元）：</translation>
        </message>
        <message>
            <source>Discount approved by {name}.</source>
            <translation>折扣已由 {name} 授权。</translation>
        </message>
        <message>
            <source>The discount is beyond your limit.</source>
            <translation>折扣超出收银员权限。</translation>
        </message>
        <message>
            <source>Sale {receipt} saved.</source>
            <translation>销售单 {receipt} 已保存。</translation>
        </message>
        <message>
            <source>Change {change}</source>
            <translation>找零 {change}</translation>
        </message>
        <message>
            <source>{points} points earned</source>
            <translation>获得 {points} 积分</translation>
        </message>
    </context>
    <context>
        <name>SaleLinesTable</name>
        <message>
            <source>#</source>
            <translation>序号</translation>
        </message>
        <message>
            <source>Item</source>
            <translation>商品</translation>
        </message>
        <message>
            <source>Qty</source>
            <translation>数量</translation>
        </message>
        <message>
            <source>Price</source>
            <translation>单价</translation>
        </message>
        <message>
            <source>Discount (why)</source>
            <translation>优惠（原因）</translation>
        </message>
        <message>
            <source>Amount</source>
            <translation>金额</translation>
        </message>
    </context>
    <context>
        <name>SaleScreen</name>
        <message>
            <source>Scan, or type a barcode, SKU, name or pinyin initials — Enter</source>
            <translation>扫码，或输入条码、货号、品名或拼音首字母 — 回车</translation>
        </message>
        <message>
            <source>To pay</source>
            <translation>应付</translation>
        </message>
        <message>
            <source>Discounts</source>
            <translation>优惠</translation>
        </message>
        <message>
            <source>Help</source>
            <translation>帮助</translation>
        </message>
        <message>
            <source>Quantity</source>
            <translation>数量</translation>
        </message>
        <message>
            <source>Void line</source>
            <translation>删除商品</translation>
        </message>
        <message>
            <source>Member</source>
            <translation>会员</translation>
        </message>
        <message>
            <source>Coupon</source>
            <translation>优惠券</translation>
        </message>
        <message>
            <source>Hold</source>
            <translation>挂单</translation>
        </message>
        <message>
            <source>Recall</source>
            <translation>取单</translation>
        </message>
        <message>
            <source>Return</source>
            <translation>退货</translation>
        </message>
        <message>
            <source>Discount</source>
            <translation>折扣</translation>
        </message>
        <message>
            <source>Pay</source>
            <translation>收款</translation>
        </message>
        <message>
            <source>Reprint</source>
            <translation>重打小票</translation>
        </message>
        <message>
            <source>Lock</source>
            <translation>锁屏</translation>
        </message>
        <message>
            <source>Cancel sale</source>
            <translation>整单取消</translation>
        </message>
        <message>
            <source>Remove member</source>
            <translation>移除会员</translation>
        </message>
        <message>
            <source>Camera scan</source>
            <translation>摄像头扫码</translation>
        </message>
        <message>
            <source>Close shift</source>
            <translation>交班</translation>
        </message>
        <message>
            <source>Paid so far {paid}, still due {left}</source>
            <translation>已付 {paid}，待付 {left}</translation>
        </message>
        <message>
            <source>Discount approved by a manager</source>
            <translation>折扣已获店长授权</translation>
        </message>
        <message>
            <source>Attach a member to earn points</source>
            <translation>识别会员即可积分</translation>
        </message>
        <message>
            <source>This sale earns {points} points</source>
            <translation>本单可得 {points} 积分</translation>
        </message>
        <message>
            <source>Several products match: choose one with ↑ ↓ and Enter.</source>
            <translation>有多个商品匹配：用 ↑ ↓ 选择后回车。</translation>
        </message>
        <message>
            <source>Coupon added.</source>
            <translation>已添加优惠券。</translation>
        </message>
        <message>
            <source>Member {name} ({tier}) attached.</source>
            <translation>已识别会员 {name}（{tier}）。</translation>
        </message>
    </context>
    <context>
        <name>ShiftClosedDialog</name>
        <message>
            <source>Shift closed</source>
            <translation>已交班</translation>
        </message>
        <message>
            <source>Float</source>
            <translation>备用金</translation>
        </message>
        <message>
            <source>Expected in the drawer</source>
            <translation>钱箱应有</translation>
        </message>
        <message>
            <source>Counted</source>
            <translation>实点</translation>
        </message>
        <message>
            <source>Over (+) / short (−)</source>
            <translation>长款（+）/ 短款（−）</translation>
        </message>
        <message>
            <source>Enter Log out</source>
            <translation>回车 退出登录</translation>
        </message>
    </context>
    <context>
        <name>TillStatusBar</name>
        <message>
            <source>Printer</source>
            <translation>打印机</translation>
        </message>
        <message>
            <source>Scanner</source>
            <translation>扫码枪</translation>
        </message>
        <message>
            <source>Card reader</source>
            <translation>读卡器</translation>
        </message>
        <message>
            <source>Customer display</source>
            <translation>客显</translation>
        </message>
        <message>
            <source>Camera</source>
            <translation>摄像头</translation>
        </message>
        <message>
            <source>ready</source>
            <translation>正常</translation>
        </message>
        <message>
            <source>offline</source>
            <translation>离线</translation>
        </message>
        <message>
            <source>out of paper</source>
            <translation>缺纸</translation>
        </message>
        <message>
            <source>cover open</source>
            <translation>开盖</translation>
        </message>
        <message>
            <source>fault</source>
            <translation>故障</translation>
        </message>
        <message>
            <source>connected</source>
            <translation>已连接</translation>
        </message>
        <message numerus="yes">
            <source>%n receipt(s) waiting — F11 reprint</source>
            <translation>
                <numerusform>%n 张小票待打印 — F11 重打</numerusform>
            </translation>
        </message>
        <message>
            <source>Head office: not connected</source>
            <translation>总部：未连接</translation>
        </message>
        <message>
            <source>Head office: online</source>
            <translation>总部：在线</translation>
        </message>
        <message>
            <source>Head office: offline</source>
            <translation>总部：离线</translation>
        </message>
        <message>
            <source>{link} · unsynced {count}</source>
            <translation>{link} · 未同步 {count}</translation>
        </message>
    </context>
    <context>
        <name>explain</name>
        <message>
            <source>{tier} {rate}</source>
            <translation>{tier} {rate}</translation>
        </message>
        <message>
            <source>Birthday {rate}</source>
            <translation>生日 {rate}</translation>
        </message>
        <message>
            <source>Stored-value deposit {rate}</source>
            <translation>储值优惠 {rate}</translation>
        </message>
        <message>
            <source>Campaign price {price}</source>
            <translation>活动价 {price}</translation>
        </message>
        <message>
            <source>Store campaign {rate}</source>
            <translation>全场活动 {rate}</translation>
        </message>
        <message>
            <source>Cashier discount</source>
            <translation>收银员折扣</translation>
        </message>
        <message>
            <source>Coupon {coupon}</source>
            <translation>优惠券 {coupon}</translation>
        </message>
        <message>
            <source>Rounding</source>
            <translation>抹零</translation>
        </message>
        <message>
            <source>Member price beats the campaign</source>
            <translation>会员价优于活动价</translation>
        </message>
        <message>
            <source>Coupon {coupon} on its own is cheaper ({with_coupon} against {without_coupon}): other discounts left out</source>
            <translation>单用优惠券 {coupon} 更省（{with_coupon}，不用券 {without_coupon}）：其他优惠不再叠加</translation>
        </message>
        <message>
            <source>Coupon {coupon} not used: {why}</source>
            <translation>优惠券 {coupon} 未使用：{why}</translation>
        </message>
        <message>
            <source>Spend from {min_eligible}: ×{multiplier}</source>
            <translation>满 {min_eligible}：×{multiplier}</translation>
        </message>
        <message>
            <source>Birthday: ×{multiplier}</source>
            <translation>生日：×{multiplier}</translation>
        </message>
        <message>
            <source>{occasion}: ×{multiplier}</source>
            <translation>{occasion}：×{multiplier}</translation>
        </message>
        <message>
            <source>{tier}: ×{multiplier}</source>
            <translation>{tier}：×{multiplier}</translation>
        </message>
        <message>
            <source>the other discounts save more</source>
            <translation>其他优惠更省</translation>
        </message>
        <message>
            <source>it cannot be combined</source>
            <translation>不能与其他优惠同时使用</translation>
        </message>
        <message>
            <source>another coupon saves more</source>
            <translation>另一张券更省</translation>
        </message>
        <message>
            <source>it saves nothing more; kept for later</source>
            <translation>用券不再更省，留待下次使用</translation>
        </message>
    </context>
    <context>
        <name>feedback</name>
        <message>
            <source>The staff number or PIN is wrong. Type them again.</source>
            <translation>工号或密码错误，请重新输入。</translation>
        </message>
        <message>
            <source>This staff account is switched off. Ask the manager.</source>
            <translation>该员工账号已停用，请联系店长。</translation>
        </message>
        <message>
            <source>Staff {number} is not a manager. A manager must type their own number and PIN.</source>
            <translation>工号 {number} 不是店长。须由店长输入本人的工号和密码。</translation>
        </message>
        <message>
            <source>This staff account no longer exists. Log in again.</source>
            <translation>该员工账号已不存在，请重新登录。</translation>
        </message>
        <message>
            <source>Your shift is already open. Carry on selling.</source>
            <translation>您的班次已开，可以继续收银。</translation>
        </message>
        <message>
            <source>No shift is open. Open a shift with the cash float first.</source>
            <translation>尚未开班。请先录入备用金开班。</translation>
        </message>
        <message>
            <source>The float cannot be negative. Count the float again.</source>
            <translation>备用金不能为负数，请重新清点。</translation>
        </message>
        <message>
            <source>The counted cash cannot be negative. Count the drawer again.</source>
            <translation>实点现金不能为负数，请重新清点钱箱。</translation>
        </message>
        <message>
            <source>No manager approved it, so nothing was changed.</source>
            <translation>没有店长授权，未做任何修改。</translation>
        </message>
        <message>
            <source>Only the cashier who locked the till or a manager can unlock it.</source>
            <translation>只有锁屏的收银员或店长可以解锁。</translation>
        </message>
        <message>
            <source>The sale has no items yet. Scan an item first.</source>
            <translation>本单还没有商品，请先扫描商品。</translation>
        </message>
        <message>
            <source>{remaining} is still due. Add another payment.</source>
            <translation>还差 {remaining}，请继续收款。</translation>
        </message>
        <message>
            <source>The discount is beyond your limit. A manager must approve it with their PIN.</source>
            <translation>折扣超出收银员权限，须店长输入密码授权。</translation>
        </message>
        <message>
            <source>The quantity must be 1 or more.</source>
            <translation>数量至少为 1。</translation>
        </message>
        <message>
            <source>A price cannot be negative.</source>
            <translation>价格不能为负数。</translation>
        </message>
        <message>
            <source>That line is no longer in the sale. Choose another line.</source>
            <translation>该行已不在本单中，请另选一行。</translation>
        </message>
        <message>
            <source>A discount cannot be negative.</source>
            <translation>折扣不能为负数。</translation>
        </message>
        <message>
            <source>No sale has receipt number {receipt}. Check the number on the receipt or scan its barcode.</source>
            <translation>找不到单号为 {receipt} 的销售。请核对小票上的单号或扫描其条码。</translation>
        </message>
        <message>
            <source>No sale is on hold.</source>
            <translation>没有挂单。</translation>
        </message>
        <message>
            <source>Finish or hold the sale on screen first.</source>
            <translation>请先完成或挂起当前销售。</translation>
        </message>
        <message>
            <source>No product has the code {code}. Check the code or search by name.</source>
            <translation>没有编码为 {code} 的商品。请核对编码或按品名搜索。</translation>
        </message>
        <message>
            <source>The discount is more than the line costs ({line}). Enter a smaller one.</source>
            <translation>折扣超过该行金额（{line}），请输入较小的折扣。</translation>
        </message>
        <message>
            <source>The member's tier {tier} is not in the store's rules. Ask the manager.</source>
            <translation>会员等级 {tier} 不在本店规则中，请联系店长。</translation>
        </message>
        <message>
            <source>This coupon is already in the sale.</source>
            <translation>本单已使用这张优惠券。</translation>
        </message>
        <message>
            <source>The coupon code {code} is mistyped. Type it again or scan it.</source>
            <translation>券码 {code} 输入有误，请重新输入或扫码。</translation>
        </message>
        <message>
            <source>Coupon {code} does not exist. Check the code.</source>
            <translation>优惠券 {code} 不存在，请核对券码。</translation>
        </message>
        <message>
            <source>This coupon was withdrawn and cannot be used.</source>
            <translation>这张优惠券已作废，不能使用。</translation>
        </message>
        <message>
            <source>This coupon has already been used.</source>
            <translation>这张优惠券已经用过了。</translation>
        </message>
        <message>
            <source>This coupon has expired.</source>
            <translation>这张优惠券已过期。</translation>
        </message>
        <message>
            <source>This coupon is not valid yet.</source>
            <translation>这张优惠券尚未生效。</translation>
        </message>
        <message>
            <source>This coupon belongs to another member. Attach that member's card first.</source>
            <translation>这张优惠券属于其他会员，请先识别该会员的会员卡。</translation>
        </message>
        <message>
            <source>This coupon needs a spend of {min_spend}; the goods it covers come to {eligible}.</source>
            <translation>这张优惠券需满 {min_spend}，适用商品合计 {eligible}。</translation>
        </message>
        <message>
            <source>Add the gift item to the sale to use this coupon.</source>
            <translation>请把赠品加入本单后再用这张券。</translation>
        </message>
        <message>
            <source>This coupon is set up wrongly and cannot be used. Ask the manager.</source>
            <translation>这张优惠券设置有误，不能使用，请联系店长。</translation>
        </message>
        <message>
            <source>The amount must be more than zero.</source>
            <translation>金额必须大于零。</translation>
        </message>
        <message>
            <source>The cash handed over ({given}) is less than {amount}. Count it again.</source>
            <translation>实收现金（{given}）少于 {amount}，请重新清点。</translation>
        </message>
        <message>
            <source>{amount} is more than the {due} still due. Enter a smaller amount.</source>
            <translation>{amount} 超过待收的 {due}，请输入较小的金额。</translation>
        </message>
        <message>
            <source>This way of paying is not taken here. Choose another.</source>
            <translation>本店不收这种支付方式，请换一种。</translation>
        </message>
        <message>
            <source>Attach the member first: points and stored value belong to a member.</source>
            <translation>请先识别会员：积分和储值属于会员。</translation>
        </message>
        <message>
            <source>Nothing more is due. Remove a payment or finish the sale.</source>
            <translation>已无待收金额。请删除一笔付款或完成销售。</translation>
        </message>
        <message>
            <source>Type the slip or transaction number shown by the payment terminal.</source>
            <translation>请输入支付终端上的签购单号或交易号。</translation>
        </message>
        <message>
            <source>The member owes {balance} points; points can be used again once the balance is above zero.</source>
            <translation>会员积分欠 {balance}；积分余额转正后才能再使用。</translation>
        </message>
        <message>
            <source>Points are used in steps of {step}.</source>
            <translation>积分须按 {step} 的整数倍使用。</translation>
        </message>
        <message>
            <source>The member has only {available} points.</source>
            <translation>会员只有 {available} 积分。</translation>
        </message>
        <message>
            <source>{points} points are worth {value}, more than the {due} due. Use fewer points.</source>
            <translation>{points} 积分价值 {value}，超过待收的 {due}，请少用一些积分。</translation>
        </message>
        <message>
            <source>Paying {amount} from stored value needs the member's PIN.</source>
            <translation>储值支付 {amount} 需要会员输入支付密码。</translation>
        </message>
        <message>
            <source>The PIN is wrong. Ask the member to type it again.</source>
            <translation>密码错误，请会员重新输入。</translation>
        </message>
        <message>
            <source>Stored value needs the member's card or phone QR code: swipe or scan it.</source>
            <translation>储值支付需要会员卡或手机动态码：请刷卡或扫码。</translation>
        </message>
        <message>
            <source>The stored value is only {balance}. Take the rest another way.</source>
            <translation>储值余额只有 {balance}，其余请用其他方式支付。</translation>
        </message>
        <message>
            <source>The member's stored value is overdrawn. A manager must settle it first.</source>
            <translation>会员储值已透支，须店长先处理。</translation>
        </message>
        <message>
            <source>The member has no stored value.</source>
            <translation>会员没有储值余额。</translation>
        </message>
        <message>
            <source>Head office has switched this till off for points and stored value. Take another payment and call the manager.</source>
            <translation>总部已停用本收银台的积分和储值支付。请改用其他支付方式并联系店长。</translation>
        </message>
        <message>
            <source>Head office cannot be reached and this till has no offline allowance for points or stored value. Take another payment.</source>
            <translation>连不上总部，本收银台没有离线额度，不能用积分或储值支付。请改用其他支付方式。</translation>
        </message>
        <message>
            <source>The till has been offline too long to take points or stored value. Take another payment; it works again once head office is back.</source>
            <translation>本收银台离线时间过长，暂不能用积分或储值支付。请改用其他支付方式；连上总部后即恢复。</translation>
        </message>
        <message>
            <source>This member's points and stored value are on hold at head office. Take another payment.</source>
            <translation>该会员的积分和储值已被总部暂停使用。请改用其他支付方式。</translation>
        </message>
        <message>
            <source>While head office cannot be reached, less points or stored value may be spent. Use less, or take the rest another way.</source>
            <translation>连不上总部期间，积分和储值的可用额度有限。请少用一些，其余用其他方式支付。</translation>
        </message>
        <message>
            <source>No member found. Check the number, or sign the customer up at the front desk.</source>
            <translation>没有找到会员。请核对号码，或请顾客到前台办理会员。</translation>
        </message>
        <message>
            <source>This membership is frozen. Send the member to the front desk.</source>
            <translation>该会员已冻结，请会员到前台处理。</translation>
        </message>
        <message>
            <source>This membership is closed.</source>
            <translation>该会员已注销。</translation>
        </message>
        <message>
            <source>That is a bank card: take it on the bank's terminal. Nothing of it was kept.</source>
            <translation>这是银行卡：请在银行刷卡终端上收款。系统未保存任何卡信息。</translation>
        </message>
        <message>
            <source>This card was reported lost and is blocked. Keep the card and call the manager.</source>
            <translation>此卡已挂失并冻结。请扣留此卡并联系店长。</translation>
        </message>
        <message>
            <source>This card was replaced by a new one. Ask the member for the new card.</source>
            <translation>此卡已换新卡，请会员出示新卡。</translation>
        </message>
        <message>
            <source>This card is closed.</source>
            <translation>此卡已注销。</translation>
        </message>
        <message>
            <source>No member has card {card_number}. Check the number.</source>
            <translation>没有会员持有卡号 {card_number}，请核对卡号。</translation>
        </message>
        <message>
            <source>The card's stripe is not genuine. Keep the card and call the manager.</source>
            <translation>此卡磁条不是本店制发的。请扣留此卡并联系店长。</translation>
        </message>
        <message>
            <source>The card has expired. Send the member to the front desk for a new one.</source>
            <translation>此卡已过期，请会员到前台换新卡。</translation>
        </message>
        <message>
            <source>This card is not one of our member cards.</source>
            <translation>这不是本店的会员卡。</translation>
        </message>
        <message>
            <source>The card could not be read. Swipe again, or type the card number (F4).</source>
            <translation>读不出此卡。请重新刷卡，或输入卡号（F4）。</translation>
        </message>
        <message>
            <source>A staff card cannot be used at a till its owner is logged in to.</source>
            <translation>员工卡不能在本人登录的收银台使用。</translation>
        </message>
        <message>
            <source>That is not a valid card number. Check the 13 digits.</source>
            <translation>卡号无效，请核对 13 位卡号。</translation>
        </message>
        <message>
            <source>The member's QR code is too old. Ask them to refresh it on the phone.</source>
            <translation>会员二维码已过期，请会员在手机上刷新。</translation>
        </message>
        <message>
            <source>This QR code is not genuine. Ask for the member card.</source>
            <translation>此二维码无效，请会员出示会员卡。</translation>
        </message>
        <message>
            <source>The phone's clock is ahead. Ask the member to refresh the code.</source>
            <translation>手机时间超前，请会员刷新二维码。</translation>
        </message>
        <message>
            <source>The QR code is damaged. Scan it again.</source>
            <translation>二维码无法识别，请重新扫描。</translation>
        </message>
        <message>
            <source>This QR code was already used. Ask the member to refresh it.</source>
            <translation>此二维码已使用过，请会员刷新。</translation>
        </message>
        <message>
            <source>This till has no card key, so cards cannot be checked. Call support.</source>
            <translation>本收银台没有卡密钥，无法校验会员卡，请联系技术支持。</translation>
        </message>
        <message>
            <source>The stripe was not read cleanly. Swipe again, steadily.</source>
            <translation>磁条未读清楚，请平稳地重新刷卡。</translation>
        </message>
        <message>
            <source>The swipe was cut short. Swipe again in one movement.</source>
            <translation>刷卡不完整，请一次性刷过。</translation>
        </message>
        <message>
            <source>The stripe was misread. Swipe again; if it keeps failing the card is damaged.</source>
            <translation>磁条读取有误，请重新刷卡；一直失败说明卡已损坏。</translation>
        </message>
        <message>
            <source>Nothing was read. Swipe with the stripe facing the reader head.</source>
            <translation>没有读到数据，请将磁条对准读卡头刷卡。</translation>
        </message>
        <message>
            <source>That is not a card number, member QR code or mobile number. Check it.</source>
            <translation>这不是会员卡号、会员二维码或手机号，请核对。</translation>
        </message>
        <message>
            <source>Choose at least one item to return.</source>
            <translation>请至少选择一件退货商品。</translation>
        </message>
        <message>
            <source>Only {left} of line {line_no} can still be returned.</source>
            <translation>第 {line_no} 行只能再退 {left} 件。</translation>
        </message>
        <message>
            <source>Line {line_no} is not on that receipt.</source>
            <translation>该小票上没有第 {line_no} 行。</translation>
        </message>
        <message>
            <source>A return without a receipt needs a manager.</source>
            <translation>无小票退货需要店长授权。</translation>
        </message>
        <message>
            <source>The barcode was misread (check digit). Scan it again.</source>
            <translation>条码读错了（校验位不符），请重新扫描。</translation>
        </message>
        <message>
            <source>The scan came through the Chinese input method. Switch the input method off and scan again.</source>
            <translation>扫码内容经过了中文输入法。请关闭输入法后重新扫描。</translation>
        </message>
        <message>
            <source>The scan was empty. Scan again.</source>
            <translation>扫码内容为空，请重新扫描。</translation>
        </message>
        <message>
            <source>The scanner sent unreadable data. Scan again; if it repeats, check the scanner's settings.</source>
            <translation>扫码枪发送的数据无法识别。请重新扫描；反复出现请检查扫码枪设置。</translation>
        </message>
        <message>
            <source>The scan was cut short. Scan again.</source>
            <translation>扫码不完整，请重新扫描。</translation>
        </message>
        <message>
            <source>The printer is out of paper. Load a roll; the receipt waits for reprint (F11).</source>
            <translation>打印机缺纸。请装纸；小票等待重打（F11）。</translation>
        </message>
        <message>
            <source>The printer cover is open. Close it; the receipt waits for reprint (F11).</source>
            <translation>打印机开盖。请合上；小票等待重打（F11）。</translation>
        </message>
        <message>
            <source>The printer reports a fault (cutter or heat). Switch it off and on; the receipt waits for reprint (F11).</source>
            <translation>打印机故障（切刀或过热）。请关机再开机；小票等待重打（F11）。</translation>
        </message>
        <message>
            <source>No Chinese font to print with. Call support; the receipt waits for reprint (F11).</source>
            <translation>没有可用于打印的中文字体。请联系技术支持；小票等待重打（F11）。</translation>
        </message>
        <message>
            <source>A device address in the settings is wrong. Call support.</source>
            <translation>设备设置中的地址有误，请联系技术支持。</translation>
        </message>
        <message>
            <source>A device is set up with the wrong kind of address. Call support.</source>
            <translation>设备地址类型设置错误，请联系技术支持。</translation>
        </message>
        <message>
            <source>A library for a device is missing ({library}). Call support.</source>
            <translation>缺少设备所需的程序库（{library}），请联系技术支持。</translation>
        </message>
        <message>
            <source>A device setting is wrong ({setting}). Call support.</source>
            <translation>设备设置有误（{setting}），请联系技术支持。</translation>
        </message>
        <message>
            <source>Something went wrong. Tell support the code {support}.</source>
            <translation>出错了。请把代码 {support} 告诉技术支持。</translation>
        </message>
        <message>
            <source>The {device} is not reachable. Check it is switched on and cabled.</source>
            <translation>{device}连接不上。请检查是否开机、线缆是否连好。</translation>
        </message>
        <message>
            <source>The {device} stopped answering. Check its cable and power.</source>
            <translation>{device}没有响应。请检查线缆和电源。</translation>
        </message>
        <message>
            <source>The {device} connection dropped. Check the cable or network.</source>
            <translation>{device}连接中断。请检查线缆或网络。</translation>
        </message>
        <message>
            <source>The {device} port may not be opened. Call support.</source>
            <translation>没有权限打开{device}端口，请联系技术支持。</translation>
        </message>
        <message>
            <source>The {device} reported an error. Unplug it and plug it in again.</source>
            <translation>{device}报错。请拔下后重新插上。</translation>
        </message>
        <message>
            <source>receipt printer</source>
            <translation>小票打印机</translation>
        </message>
        <message>
            <source>barcode scanner</source>
            <translation>扫码枪</translation>
        </message>
        <message>
            <source>card reader</source>
            <translation>读卡器</translation>
        </message>
        <message>
            <source>customer display</source>
            <translation>客显</translation>
        </message>
        <message>
            <source>camera</source>
            <translation>摄像头</translation>
        </message>
        <message>
            <source>card encoder</source>
            <translation>写卡器</translation>
        </message>
        <message>
            <source>A field is filled in wrongly. Check it and save again.</source>
            <translation>有一项填写有误，请检查后重新保存。</translation>
        </message>
        <message>
            <source>The store database cannot be used ({code}). Call support.</source>
            <translation>门店数据库无法使用（{code}），请联系技术支持。</translation>
        </message>
        <message>
            <source>The receipt could not be laid out ({code}). Call support.</source>
            <translation>小票无法排版（{code}），请联系技术支持。</translation>
        </message>
        <message>
            <source>That was refused ({code}). Tell the manager this code.</source>
            <translation>操作被拒绝（{code}）。请把这个代码告诉店长。</translation>
        </message>
        <message>
            <source>Something went wrong, but sale {receipt} is saved.</source>
            <translation>出错了，但销售单 {receipt} 已保存。</translation>
        </message>
        <message>
            <source>Something went wrong. The items on screen are kept; nothing was paid.</source>
            <translation>出错了。屏幕上的商品仍保留；本单尚未收款。</translation>
        </message>
        <message>
            <source>Support code: {support}</source>
            <translation>支持代码：{support}</translation>
        </message>
    </context>
    <context>
        <name>i18n</name>
        <message>
            <source>{rate} off</source>
            <translation>{rate}</translation>
        </message>
    </context>
    <context>
        <name>prompt</name>
        <message>
            <source>Esc Back</source>
            <translation>Esc 返回</translation>
        </message>
        <message>
            <source>Enter OK</source>
            <translation>回车 确定</translation>
        </message>
    </context>
    <context>
        <name>shift</name>
        <message>
            <source>Open shift</source>
            <translation>开班</translation>
        </message>
        <message>
            <source>Cash float in the drawer (yuan):</source>
            <translation>钱箱备用金（元）：</translation>
        </message>
        <message>
            <source>Close shift</source>
            <translation>交班</translation>
        </message>
        <message>
            <source>Cash counted in the drawer (yuan):</source>
            <translation>钱箱实点现金（元）：</translation>
        </message>
    </context>
</TS>
