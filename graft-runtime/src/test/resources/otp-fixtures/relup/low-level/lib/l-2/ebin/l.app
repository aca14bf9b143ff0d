{application,l,
             [{description,"A Graft relup fixture"},
              {vsn,"2"},
              {modules,['l.Srv','l.Lib']},
              {registered,[]},
              {applications,[kernel,stdlib]}]}.
