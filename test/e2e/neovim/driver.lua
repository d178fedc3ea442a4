-- Drives a language server with Neovim's built-in LSP client (0.7+), headless. The plan (a JSON file named by
-- $OOM_LENS_NVIM_PLAN) says which server to start, which file to open and what to check; each check writes one line
-- to plan.results: "PASS <name>" or "FAIL <name>\t<reason>". Always ends with :qa!, whatever happens.
local plan = vim.json.decode(table.concat(vim.fn.readfile(os.getenv('OOM_LENS_NVIM_PLAN')), '\n'))
local lines = {}
local timeout = plan.timeoutMs or 15000

local function record(name, ok, reason)
  if ok then
    table.insert(lines, 'PASS ' .. name)
  else
    table.insert(lines, 'FAIL ' .. name .. '\t' .. tostring(reason):gsub('\n', ' '))
  end
  vim.fn.writefile(lines, plan.results)
end

local function check(name, fn)
  local ok, err = pcall(fn)
  record(name, ok, err)
  return ok
end

local function contains_all(text, needles)
  for _, needle in ipairs(needles or {}) do
    if not string.find(text, needle, 1, true) then
      error(string.format('%q not found in %q', needle, text))
    end
  end
end

local function main()
  vim.cmd('edit ' .. vim.fn.fnameescape(plan.file))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = plan.filetype
  local client_id = vim.lsp.start_client({
    name = 'oom-lens',
    cmd = plan.server,
    root_dir = plan.root,
    workspace_folders = { { uri = vim.uri_from_fname(plan.root), name = 'root' } },
    settings = {},
  })
  local client
  local started = check('the server starts and initializes', function()
    assert(client_id, 'start_client returned nil')
    assert(vim.lsp.buf_attach_client(bufnr, client_id), 'buf_attach_client failed')
    local ok = vim.wait(timeout, function()
      client = vim.lsp.get_client_by_id(client_id)
      return client ~= nil and client.initialized == true
    end, 50)
    assert(ok, 'no initialize response within ' .. timeout .. ' ms')
    local caps = client.server_capabilities or client.resolved_capabilities
    assert(caps.hoverProvider or caps.hover, 'no hoverProvider')
    assert(caps.codeActionProvider or caps.code_action, 'no codeActionProvider')
  end)
  if not started then return end

  local want = plan.diagnostic
  local function matching()
    local out = {}
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if d.code == want.code and d.lnum == want.line then table.insert(out, d) end
    end
    return out
  end

  check('diagnostics arrive with code ' .. want.code .. ', source and documentation link', function()
    local ok = vim.wait(timeout, function() return #matching() > 0 end, 50)
    local seen = {}
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      table.insert(seen, string.format('%s@%d', tostring(d.code), d.lnum))
    end
    assert(ok, 'no ' .. want.code .. ' on line ' .. want.line .. ' (got: ' .. table.concat(seen, ', ') .. ')')
    local d = matching()[1]
    assert(d.source == want.source, 'source ' .. tostring(d.source))
    assert(d.col == want.character, 'column ' .. d.col .. ', expected ' .. want.character)
    assert(d.severity == want.severity, 'severity ' .. d.severity .. ', expected ' .. want.severity)
    local lsp = d.user_data and d.user_data.lsp or {}
    local href = lsp.codeDescription and lsp.codeDescription.href or ''
    assert(vim.endswith(href, want.hrefSuffix), 'codeDescription.href ' .. href)
    contains_all(d.message, want.messageContains)
  end)

  check('hover shows ' .. table.concat(plan.hover.contains, ', '), function()
    local params = {
      textDocument = { uri = vim.uri_from_bufnr(bufnr) },
      position = { line = plan.hover.line, character = plan.hover.character },
    }
    local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, timeout)
    local text = ''
    for _, r in pairs(responses or {}) do
      if r.result and r.result.contents then
        local c = r.result.contents
        text = text .. (type(c) == 'string' and c or (c.value or ''))
      end
    end
    contains_all(text, plan.hover.contains)
  end)

  check('the preferred quick fix for ' .. want.code .. ' applies and the finding goes away', function()
    local d = matching()[1]
    assert(d, 'no diagnostic to fix')
    local lsp_diags = vim.lsp.diagnostic.get_line_diagnostics(bufnr, want.line)
    local params = {
      textDocument = { uri = vim.uri_from_bufnr(bufnr) },
      range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } },
      context = { diagnostics = lsp_diags, only = { 'quickfix' } },
    }
    local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, timeout)
    local chosen
    local titles = {}
    for _, r in pairs(responses or {}) do
      for _, action in ipairs(r.result or {}) do
        table.insert(titles, action.title)
        if action.isPreferred and not chosen then chosen = action end
      end
    end
    assert(chosen, 'no preferred code action (got: ' .. table.concat(titles, ' | ') .. ')')
    contains_all(chosen.title, plan.fix.titleContains)
    assert(chosen.edit, 'the action has no edit')
    vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding or 'utf-16')
    local line = vim.api.nvim_buf_get_lines(bufnr, want.line, want.line + 1, false)[1]
    assert(line == plan.fix.expectLine, string.format('line is %q, expected %q', line, plan.fix.expectLine))
    local gone = vim.wait(timeout, function() return #matching() == 0 end, 50)
    assert(gone, want.code .. ' is still reported after the fix')
  end)

  check('the fixed buffer saves to disk', function()
    vim.cmd('write')
    local disk = vim.fn.readfile(plan.file)
    assert(disk[want.line + 1] == plan.fix.expectLine, 'on disk: ' .. tostring(disk[want.line + 1]))
  end)

  vim.lsp.stop_client(client_id)
  vim.wait(2000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
end

local ok, err = pcall(main)
if not ok then record('driver', false, err) end
vim.cmd('qa!')
