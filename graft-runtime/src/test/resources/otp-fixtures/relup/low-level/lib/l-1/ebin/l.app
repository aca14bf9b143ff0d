{application,l,
             [{description,"A Graft relup fixture"},
              {vsn,"1"},
              {modules,['l.Srv','l.Lib']},
              {registered,[]},
              {applications,[kernel,stdlib]}]}.
